import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { applyCors } from "./cors.js";
import { loadSpec, type SpecModel } from "@yeastar-openapi/spec-model";
import { Answers } from "./behaviours/answers.js";
import { collectionHandler } from "./behaviours/collections.js";
import { generateDataset, type Dataset } from "./data.js";
import { apiErrors, type ApiName } from "./envelopes.js";
import { FaultEngine, type Fault, type FaultHandle, type OperationInfo } from "./faults.js";
import { RequestHandler, type ResponseValidationError, type Served } from "./handler.js";
import { send } from "./http.js";
import { resolveOptions, type MockLogEvent, type MockServerOptions } from "./options.js";
import { OVERRIDES, PREPARE, STATEFUL_OPERATIONS } from "./overrides/index.js";
import { planOperations, type Plan } from "./resources.js";
import { Router } from "./router.js";
import { tokenSources } from "./security.js";
import type { ClientCredentials, Handler, MockState } from "./state.js";
import { createStats, type MockStats } from "./stats.js";
import { TokenStore } from "./tokens.js";
import { SpecValidator } from "./validate.js";
import { WebhookDispatcher, type WebhookDelivery } from "./webhooks/dispatcher.js";
import { withWebhookEvents } from "./webhooks/emit.js";
import { MeetingClock, withMeetingClock } from "./webhooks/meeting-clock.js";
import type { YcmWebhookTarget } from "./webhooks/options.js";

export interface MockServer {
  /** Base URL serving both APIs, e.g. `http://127.0.0.1:4010`. */
  readonly url: string;
  readonly port: number;
  /** The client credentials the token endpoints accept. */
  readonly credentials: Readonly<Record<ApiName, Readonly<ClientCredentials>>>;
  /** The data being served: one collection per list of the spec, by item schema name. */
  readonly dataset: Dataset;
  readonly stats: MockStats;
  /** Every response that failed spec validation (each was replaced by an HTTP 500). */
  readonly validationErrors: readonly ResponseValidationError[];
  /** The event types each API was last subscribed to (`subscribeWorkplaceEvents`); absent until a subscription. */
  readonly subscriptions: Readonly<Partial<Record<ApiName, readonly string[]>>>;
  /** Operations whose answer depends on the mock's records and clock: an arbitrary call may be refused (a 4xx). */
  readonly statefulOperations: readonly string[];
  /** The webhook targets: YCM's (each with its secret, generated or given) and Workplace's callback URI. */
  readonly webhooks: { readonly ycm: readonly YcmWebhookTarget[]; readonly workplace?: { readonly callbackUri: string } };
  /** Every delivery attempt so far, in order (never a secret or a query string). */
  readonly webhookDeliveries: readonly WebhookDelivery[];
  /** Resolves once every webhook delivery, retries included, has ended. */
  webhooksIdle(): Promise<void>;
  /** Sends Workplace's WEBHOOK_TEST to the callback URI, as the admin portal's Test button does; returns its eventId. */
  sendWebhookTest(): string;
  inject(fault: Fault): FaultHandle;
  clearFaults(): void;
  /** Stops listening, destroys every open connection and stops webhook deliveries; safe to call twice. */
  close(): Promise<void>;
}

const APIS: readonly ApiName[] = ["ycm", "workplace"];

export async function startMockServer(options: MockServerOptions = {}): Promise<MockServer> {
  const opts = resolveOptions(options);
  const closing = new AbortController();
  const log = (event: MockLogEvent): void => {
    try {
      opts.onLog?.(event);
    } catch {
      // A throwing logger must not take the mock down with it.
    }
  };
  const models = Object.fromEntries(
    APIS.map((api) => {
      const given = opts.specs[api];
      return [api, given === undefined ? loadSpec(api) : loadSpec(given, { api })];
    }),
  ) as Record<ApiName, SpecModel>;
  const plan = planOperations(models);
  const validator = opts.validate ? sharedValidator(models) : undefined;
  const answers = new Answers(validator);
  const errors = apiErrors(models);
  const bundled = opts.specs.ycm === undefined && opts.specs.workplace === undefined;
  const served = serveOperations(models, plan, answers, opts.datasetOptions.seed ?? 1, bundled);
  const dataset = opts.dataset ?? generateDataset(plan.collections, opts.datasetOptions);

  const operations = new Map<string, OperationInfo>([...served.values()].map((s) => [s.op.operationId, { api: s.api, paged: s.op.paging !== undefined }]));
  const faults = new FaultEngine(operations);
  for (const fault of opts.faults) faults.inject(fault);
  const stats = createStats([...served.keys()]);
  const validationErrors: ResponseValidationError[] = [];
  const state: MockState = {
    dataset,
    tokens: {
      ycm: new TokenStore("ycm", opts.lifetimes.ycm),
      workplace: new TokenStore("wp", opts.lifetimes.workplace),
    },
    credentials: opts.credentials,
    onTokensIssued: (api) => {
      stats.tokensIssued[api]++;
    },
    now: opts.now,
    subscriptions: {},
  };
  const webhooks = new WebhookDispatcher({
    webhooks: opts.webhooks,
    models,
    validator,
    validationErrors,
    log,
    now: opts.now,
    subscribed: () => state.subscriptions.workplace,
    signal: closing.signal,
  });
  state.webhooks = webhooks;
  // Time-driven Workplace events only go to a callback URI: without one, no meeting gets a timer.
  if (opts.webhooks.workplace) {
    state.meetingClock = new MeetingClock({ model: models.workplace, state, emit: (e) => webhooks.emit(e), fail: (what, error) => webhooks.fail(what, error) });
  }
  // Generated data only: data the caller supplied is served as given.
  if (!opts.dataset) for (const prepare of PREPARE) prepare(state, models);
  if (validator && !opts.dataset) checkGeneratedLists(served, plan, state, validator, errors);

  const router = new Router([...served.values()].map((s) => s.op));
  const handler = new RequestHandler({ opts, router, served, errors, answers, faults, stats, state, validator, validationErrors, log, signal: closing.signal });
  const server = createServer((req, res) => {
    if (applyCors(req, res)) return;
    handler.handle(req, res).catch((error: unknown) => {
      // A client that goes away mid-body (or close() destroying its socket) is not an error of the mock's.
      if (!req.complete && (req.destroyed || req.socket.destroyed)) {
        // The path only: a query string can carry Workplace's access_token.
        const path = (req.url ?? "").split("?")[0];
        if (!closing.signal.aborted) log({ level: "info", message: `${req.method} ${path} -> client disconnected before sending its body`, method: req.method, path });
        return res.destroy();
      }
      if (!closing.signal.aborted) log({ level: "error", message: `unhandled error: ${(error as Error).message}` });
      if (!res.headersSent) send(res, { status: 500, body: { status: "Failed", errMsg: "SERVER_ERROR" } });
      else res.destroy();
    });
  });

  await new Promise<void>((resolve, reject) => {
    const onError = (error: Error): void => reject(new Error(`Mock server cannot listen on ${opts.host}:${opts.port}: ${error.message}`));
    server.once("error", onError);
    server.listen(opts.port, opts.host, () => {
      server.off("error", onError);
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;
  const url = `http://${opts.host.includes(":") ? `[${opts.host}]` : opts.host}:${port}`;
  log({ level: "info", message: `listening on ${url}` });

  let closed: Promise<void> | undefined;
  return {
    url,
    port,
    credentials: opts.credentials,
    dataset,
    stats,
    validationErrors,
    subscriptions: state.subscriptions,
    statefulOperations: STATEFUL_OPERATIONS,
    webhooks: { ycm: opts.webhooks.ycm, ...(opts.webhooks.workplace ? { workplace: opts.webhooks.workplace } : {}) },
    webhookDeliveries: webhooks.deliveries,
    webhooksIdle: () => webhooks.idle(),
    sendWebhookTest: () => webhooks.sendTest(),
    inject: (fault) => faults.inject(fault),
    clearFaults: () => faults.clear(),
    close: () => {
      closed ??= new Promise<void>((resolve) => {
        closing.abort();
        state.meetingClock?.close();
        server.close(() => resolve());
        server.closeAllConnections();
      });
      return closed;
    },
  };
}

/**
 * A handler for every operation of the spec: an override where the spec cannot say what to do, otherwise the
 * behaviour its shape implies. An operation that cannot be served stops the mock here, with every reason at once.
 */
function serveOperations(models: Record<ApiName, SpecModel>, plan: Plan, answers: Answers, seed: number, bundled: boolean): Map<string, Served> {
  const served = new Map<string, Served>();
  const problems: string[] = [];
  const all = APIS.flatMap((api) => models[api].operations.map((op) => ({ api, op })));
  // The bundled specs must have every operation an override names (a misspelt key is caught here); a spec given
  // instead (a test's synthetic one, an older copy) may lack some, which then simply have no override.
  for (const id of bundled ? Object.keys(OVERRIDES) : []) {
    if (!all.some(({ op }) => op.operationId === id)) problems.push(`the override ${id} names no operation of the spec`);
  }
  for (const { api, op } of all) {
    if (served.has(op.operationId)) {
      problems.push(`operationId ${op.operationId} is used twice`);
      continue;
    }
    try {
      const override = OVERRIDES[op.operationId];
      const behaviour = plan.behaviours.get(op.operationId) ?? { kind: "example" as const };
      if (!override) answers.skeleton(op);
      const derived: Handler | undefined = behaviour.kind === "example" ? undefined : collectionHandler(op, behaviour, answers, seed);
      const reply: Handler = derived ?? (() => answers.reply(op));
      const base = { model: models[api], reply: (fills?: Array<[string[], unknown]>) => answers.reply(op, fills), derived };
      const handler: Handler = override
        ? (ctx) => override({ ...ctx, base: (changed) => reply(changed ?? ctx), answer: (fills) => answers.reply(op, fills) }, base)
        : reply;
      served.set(op.operationId, { op, api, handler: withWebhookEvents(op.operationId, withMeetingClock(op.operationId, handler, models[api]), models[api]), tokenSources: tokenSources(models[api], op) });
    } catch (error) {
      problems.push(`${op.method.toUpperCase()} ${op.path} (${op.operationId}): ${(error as Error).message}`);
    }
  }
  if (problems.length) throw new Error(`The mock server cannot serve the spec:\n  - ${problems.join("\n  - ")}`);
  return served;
}

/** Generated records must fit the lists' schemas: each list's first page is checked once, at start-up. */
function checkGeneratedLists(
  served: ReadonlyMap<string, Served>,
  plan: Plan,
  state: MockState,
  validator: SpecValidator,
  errors: ReturnType<typeof apiErrors>,
): void {
  const problems: string[] = [];
  for (const [id, s] of served) {
    if (plan.behaviours.get(id)?.kind !== "list" || OVERRIDES[id]) continue;
    const reply = s.handler({
      op: s.op,
      api: s.api,
      query: new URLSearchParams(),
      pathParams: {},
      form: new URLSearchParams(),
      json: undefined,
      state,
      faults: { latencyMs: 0 },
      errors: errors[s.api],
    });
    const found = validator.checkResponse(id, reply.status, reply.body);
    if (found) problems.push(`${id}: generated records break the schema (${found.join("; ")})`);
  }
  if (problems.length) throw new Error(`The mock server cannot serve the spec:\n  - ${problems.join("\n  - ")}`);
}

// Compiling both documents takes a few hundred milliseconds; the result holds no per-server state, so test suites
// that start a mock per test share one per pair of descriptions.
const validators = new WeakMap<SpecModel, WeakMap<SpecModel, SpecValidator>>();

function sharedValidator(models: Record<ApiName, SpecModel>): SpecValidator {
  let inner = validators.get(models.ycm);
  if (!inner) validators.set(models.ycm, (inner = new WeakMap()));
  let v = inner.get(models.workplace);
  if (!v) inner.set(models.workplace, (v = new SpecValidator(models)));
  return v;
}
