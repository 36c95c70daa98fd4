import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { applyCors } from "./cors.js";
import type { Dataset } from "./data.js";
import type { ApiName } from "./envelopes.js";
import { FaultEngine, type Fault, type FaultHandle, type OperationInfo } from "./faults.js";
import { RequestHandler, type ResponseValidationError } from "./handler.js";
import { send } from "./http.js";
import { resolveOptions, type MockLogEvent, type MockServerOptions } from "./options.js";
import { Router } from "./router.js";
import type { ClientCredentials, MockState, Route } from "./routes/types.js";
import { workplaceRoutes } from "./routes/workplace.js";
import { ycmRoutes } from "./routes/ycm.js";
import { loadBundledSpecs } from "./spec.js";
import { createStats, type MockStats } from "./stats.js";
import { TokenStore } from "./tokens.js";
import { SpecValidator } from "./validate.js";

export interface MockServer {
  /** Base URL serving both APIs, e.g. `http://127.0.0.1:4010`. */
  readonly url: string;
  readonly port: number;
  /** The client credentials the token endpoints accept. */
  readonly credentials: Readonly<Record<ApiName, Readonly<ClientCredentials>>>;
  /** The data being served. */
  readonly dataset: Dataset;
  readonly stats: MockStats;
  /** Every response that failed spec validation (each was replaced by an HTTP 500). */
  readonly validationErrors: readonly ResponseValidationError[];
  inject(fault: Fault): FaultHandle;
  clearFaults(): void;
  /** Stops listening and destroys every open connection; safe to call twice. */
  close(): Promise<void>;
}

const ALL_ROUTES: readonly Route[] = [...ycmRoutes, ...workplaceRoutes];

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
  const validator = opts.validate ? createValidator(log) : undefined;
  const router = new Router(ALL_ROUTES);
  const operations = new Map<string, OperationInfo>(ALL_ROUTES.map((r) => [r.operationId, { api: r.api, paged: r.paged }]));
  const faults = new FaultEngine(operations);
  for (const fault of opts.faults) faults.inject(fault);

  const stats = createStats(ALL_ROUTES.map((r) => r.operationId));
  const validationErrors: ResponseValidationError[] = [];
  const state: MockState = {
    dataset: opts.dataset,
    tokens: {
      ycm: new TokenStore("ycm", opts.lifetimes.ycm),
      workplace: new TokenStore("wp", opts.lifetimes.workplace),
    },
    credentials: opts.credentials,
    onTokensIssued: (api) => {
      stats.tokensIssued[api]++;
    },
  };

  const handler = new RequestHandler({ opts, router, faults, stats, state, validator, validationErrors, log, signal: closing.signal });
  const server = createServer((req, res) => {
    if (applyCors(req, res)) return;
    handler.handle(req, res).catch((error: unknown) => {
      // close() destroys sockets mid-request; the aborted reads that follow are expected, not errors.
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
    dataset: opts.dataset,
    stats,
    validationErrors,
    inject: (fault) => faults.inject(fault),
    clearFaults: () => faults.clear(),
    close: () => {
      closed ??= new Promise<void>((resolve) => {
        closing.abort();
        server.close(() => resolve());
        server.closeAllConnections();
      });
      return closed;
    },
  };
}

// Compiling both documents takes a few hundred milliseconds; the result holds no per-server state, so test suites
// that start a mock per test share one.
let sharedValidator: SpecValidator | undefined;

function createValidator(log: (event: MockLogEvent) => void): SpecValidator {
  const validator = (sharedValidator ??= new SpecValidator(loadBundledSpecs()));
  const problems = routeMismatches(validator);
  if (problems.length) throw new Error(`The mock server and the bundled spec disagree: ${problems.join("; ")}`);
  for (const op of validator.operations.values()) {
    if (!ALL_ROUTES.some((r) => r.operationId === op.operationId)) {
      log({ level: "warn", message: `spec operation ${op.operationId} is not served by the mock` });
    }
  }
  return validator;
}

/** Where the mock's routes and the spec's operations disagree (operationId, method or path). */
export function routeMismatches(validator: SpecValidator, routes: readonly Route[] = ALL_ROUTES): string[] {
  const problems: string[] = [];
  for (const route of routes) {
    const op = validator.operations.get(route.operationId);
    if (!op) problems.push(`the spec has no operation ${route.operationId}`);
    else if (op.method !== route.method || op.path !== route.path || op.api !== route.api) {
      problems.push(`${route.operationId} is ${op.method} ${op.path} in the spec but ${route.method} ${route.path} in the mock`);
    }
  }
  return problems;
}
