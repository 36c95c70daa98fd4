// createHooks(): a plug-in (core/plugin.ts) wrapping the transport's `send` to turn its raw requests, which
// carry the bearer token and the grants' secrets, into redacted events for the user's callbacks,
// and keeps a callback that throws from breaking the call.
// Types by the package's name, so the declarations of this entry refer to the core's own.
import type { YeastarApiName, YeastarError, YeastarHooks, TransportPlugin } from "@yeastar-openapi/client";
import type { CreateHooksOptions, YeastarHookEvent, YeastarHookHandlers } from "./events.js";
import { OPERATION_FACTS, operationIdOf } from "./facts.js";
import { KnownSecrets, isSecretName, redact, redactUrl, type RedactOptions } from "./redact.js";

// The transport's internals, as the hooks option sees them.
type Send = ReturnType<TransportPlugin>;
type Outgoing = Parameters<Send>[0];
type SendOptions = Parameters<Send>[1];
type Received = Awaited<ReturnType<Send>>;

const HANDLER_NAMES = ["request", "response", "retry", "error", "onEvent"] as const;
const OPTION_NAMES = ["includeBodies"];

/**
 * The `hooks` option of `createYcmClient` / `createWorkplaceClient`: `request`, `response`,
 * `retry` and `error` callbacks (and `onEvent` for all four), each given a redacted event.
 * A callback that throws or rejects is reported through the client's `onWarning`; the call goes on.
 */
export function createHooks(handlers: YeastarHookHandlers, options: CreateHooksOptions = {}): YeastarHooks {
  if (typeof handlers !== "object" || handlers === null) throw new TypeError("createHooks: pass an object of callbacks ({ request, response, retry, error, onEvent })");
  for (const key of Object.keys(handlers)) {
    if (!(HANDLER_NAMES as readonly string[]).includes(key)) throw new TypeError(`createHooks: unknown callback "${key}"; the callbacks are ${HANDLER_NAMES.join(", ")}`);
    const handler = (handlers as Record<string, unknown>)[key];
    if (handler !== undefined && typeof handler !== "function") throw new TypeError(`createHooks: ${key} must be a function`);
  }
  if (typeof options !== "object" || options === null) throw new TypeError("createHooks: options must be an object");
  for (const key of Object.keys(options)) {
    if (!OPTION_NAMES.includes(key)) throw new TypeError(`createHooks: unknown option "${key}"; the options are ${OPTION_NAMES.join(", ")}`);
  }
  const includeBodies = options.includeBodies === true;
  const make: TransportPlugin = (api, onWarning, send) => observed(api, onWarning, send, handlers, includeBodies);
  return Object.assign(make, { yeastarHooks: true as const });
}

function observed(api: YeastarApiName, onWarning: (message: string) => void, send: Send, handlers: YeastarHookHandlers, includeBodies: boolean): Send {
  const facts = OPERATION_FACTS[api];
  const known = new KnownSecrets();
  const redaction: RedactOptions = { names: facts.secretFields, known };
  const queryRedaction: RedactOptions = { names: [...facts.secretQueryKeys, ...facts.secretFields], known };
  let requests = 0;

  const warn = (what: string, error: unknown) => onWarning(known.scrub(`${api}: ${what} (${describe(error)}); the call goes on`));

  /** Runs `report`; whatever goes wrong there must not fail the call it reports on. */
  const safely = (what: string, report: () => void) => {
    try {
      report();
    } catch (error) {
      warn(`hooks could not report ${what}`, error);
    }
  };

  function deliver(event: YeastarHookEvent): void {
    for (const handler of [handlers[event.type] as ((event: YeastarHookEvent) => unknown) | undefined, handlers.onEvent]) {
      if (!handler) continue;
      try {
        const result = handler.call(handlers, event);
        if (typeof (result as Promise<unknown> | undefined)?.then === "function") {
          (result as Promise<unknown>).then(undefined, (error: unknown) => warn(`the ${event.type} hook failed`, error));
        }
      } catch (error) {
        warn(`the ${event.type} hook threw`, error);
      }
    }
  }

  /** Remembers the secrets in a form or JSON body (grant requests and answers), to cut them out of any text later. */
  function learn(body: unknown, depth = 0): void {
    if (typeof body !== "object" || body === null || depth > 4) return;
    for (const [key, value] of Object.entries(body)) {
      if (isSecretName(key, facts.secretFields)) known.add(typeof value === "number" ? String(value) : value);
      else learn(value, depth + 1);
    }
  }

  return (request: Outgoing, call: SendOptions): Promise<Received> => {
    const number = ++requests;
    let attempt = 0;
    let startedAt = 0;
    let failed: { error: YeastarError; at: number; durationMs: number } | undefined;

    // Built when first needed: the URL is parsed and redacted once per request.
    let common: ReturnType<typeof base> | undefined;
    function base() {
      const url = new URL(request.url);
      return {
        api,
        requestNumber: number,
        operationId: operationIdOf(api, request.method, call.path),
        method: request.method,
        path: call.path,
        filledPath: known.scrub(url.pathname),
        url: redactUrl(url, queryRedaction),
      };
    }
    const fields = () => (common ??= base());

    // Told after any wait of a plug-in inside this one (the rate budget), so a request event
    // marks when the attempt is sent.
    const outer = call.onAttempt;
    const onAttempt = (error?: YeastarError) => {
      report(error);
      return outer?.(error);
    };
    const report = (error?: YeastarError) => {
      const now = performance.now();
      if (error) {
        failed = { error, at: now, durationMs: now - startedAt };
        return;
      }
      safely("a request", () => {
        const body = requestBody(request);
        learn(body);
        // On openapi-fetch's path the caller's Headers carry the token set on the previous attempt.
        const authorization = request.headers?.get("authorization");
        if (authorization) known.add(authorization.replace(/^Bearer\s+/i, ""));
        if (failed) {
          const { error: cause, at, durationMs } = failed;
          failed = undefined;
          deliver({ type: "retry", ...fields(), attempt, error: cause, ...answerOf(cause), durationMs, delayMs: now - at });
        }
        attempt += 1;
        startedAt = now;
        deliver({ type: "request", ...fields(), attempt, ...(includeBodies && body !== undefined && { requestBody: redact(body, redaction) }) });
      });
    };

    const pending = send(request, { ...call, onAttempt });
    pending.then(
      ({ response, json }) =>
        safely("a response", () => {
          learn(json);
          deliver({
            type: "response",
            ...fields(),
            attempt,
            status: response.status,
            durationMs: performance.now() - startedAt,
            requestId: requestIdOf(json),
            ...(includeBodies && json !== undefined && { responseBody: redact(json, redaction) }),
          });
        }),
      (error: unknown) =>
        safely("an error", () => {
          const durationMs = attempt === 0 ? undefined : (failed?.durationMs ?? performance.now() - startedAt);
          deliver({ type: "error", ...fields(), attempt, error, ...answerOf(error), durationMs });
        }),
    );
    return pending;
  };
}

/** The request body as a value: JSON parsed, a form (the token grants) as an object. */
function requestBody({ body, headers }: Outgoing): unknown {
  if (body === undefined) return undefined;
  const text = typeof body === "string" ? body : new TextDecoder().decode(body);
  if (/form-urlencoded/i.test(headers?.get("content-type") ?? "")) return Object.fromEntries(new URLSearchParams(text));
  try {
    return JSON.parse(text);
  } catch {
    return `[${text.length} characters, not JSON]`;
  }
}

/** The HTTP status and Yeastar's requestId an error carries, when it came from an answer. */
function answerOf(error: unknown): { status: number | undefined; requestId: string | undefined } {
  const { status, requestId } = (error ?? {}) as { status?: unknown; requestId?: unknown };
  return { status: typeof status === "number" ? status : undefined, requestId: typeof requestId === "string" ? requestId : undefined };
}

function requestIdOf(json: unknown): string | undefined {
  const id = (json as { requestId?: unknown } | undefined)?.requestId;
  return typeof id === "string" ? id : undefined;
}

function describe(error: unknown): string {
  if (error instanceof Error) return `${error.name}: ${error.message}`;
  return typeof error;
}
