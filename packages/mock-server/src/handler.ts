import type { IncomingMessage, ServerResponse } from "node:http";
import { API_ERRORS, defaultYcmHttpStatus, workplaceFailure, ycmFailure, type ApiName, type AuthProblem, type Reply } from "./envelopes.js";
import type { Fault, FaultEngine } from "./faults.js";
import { BodyTooLargeError, gatewayErrorPage, mediaType, readBody, send, sleep } from "./http.js";
import type { MockLogEvent, ResolvedOptions } from "./options.js";
import { ParamError } from "./params.js";
import type { Router } from "./router.js";
import type { MockState } from "./routes/types.js";
import type { MockStats } from "./stats.js";
import type { SpecValidator } from "./validate.js";

/** The life of one request: routing, faults, the request checks, the route, and the check of the answer. */

/** A response of the mock that broke the spec: a bug in the mock or in the spec. */
export interface ResponseValidationError {
  operationId: string | undefined;
  api: ApiName;
  method: string;
  path: string;
  status: number;
  errors: string[];
}

export interface HandlerDeps {
  opts: ResolvedOptions;
  router: Router;
  faults: FaultEngine;
  stats: MockStats;
  state: MockState;
  validator: SpecValidator | undefined;
  validationErrors: ResponseValidationError[];
  log: (event: MockLogEvent) => void;
  signal: AbortSignal;
}

/** One request, from routing to the (validated) answer. */
export class RequestHandler {
  constructor(private readonly d: HandlerDeps) {}

  async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const started = Date.now();
    const method = req.method ?? "GET";
    const url = new URL(req.url ?? "/", "http://mock.invalid");
    const path = url.pathname;
    const match = this.d.router.match(method, path);
    const operationId = match.kind === "route" ? match.route.operationId : undefined;
    const finish = (reply: Reply | "dropped", note?: string): void => {
      const status = reply === "dropped" ? 0 : reply.status;
      if (reply === "dropped") req.socket.destroy();
      else send(res, reply);
      const what = reply === "dropped" ? "connection dropped" : String(status);
      this.d.log({
        level: "info",
        message: `${method} ${path} -> ${what}${note ? ` (${note})` : ""}`,
        ...(operationId ? { operationId } : {}),
        method,
        path,
        status,
        durationMs: Date.now() - started,
      });
    };

    let body: Buffer;
    try {
      body = await readBody(req);
    } catch (error) {
      if (!(error instanceof BodyTooLargeError)) throw error;
      const api = match.kind === "route" ? match.route.api : match.kind === "foreign" ? "workplace" : match.api;
      return finish(API_ERRORS[api].invalidParameter(error.message));
    }

    if (match.kind !== "route") {
      this.d.stats.unmatchedRequests++;
      if (!(await this.wait(this.d.opts.latencyMs, res))) return;
      if (match.kind === "foreign") {
        return finish(workplaceFailure(404, "NOT_FOUND", `no Yeastar API under ${path}`));
      }
      const errors = API_ERRORS[match.api];
      const reply = match.kind === "method" ? errors.methodNotAllowed(method) : errors.notFound(`no operation ${method} ${path}`);
      return finish(this.checked(reply, { api: match.api, method, path }));
    }

    const { route, pathParams } = match;
    this.d.stats.requests[route.operationId] = (this.d.stats.requests[route.operationId] ?? 0) + 1;
    const decision = this.d.faults.evaluate(route.operationId);
    if (!(await this.wait(this.d.opts.latencyMs + decision.latencyMs, res))) return;
    if (decision.respond) {
      const faulted = this.faultReply(decision.respond, route.api);
      return finish(faulted, `fault ${decision.respond.kind}`);
    }

    const errors = API_ERRORS[route.api];
    const where = { api: route.api, operationId: route.operationId, method, path };
    if (route.api === "ycm" && !req.headers["user-agent"]) {
      return finish(this.checked(errors.invalidParameter("User-Agent header is required"), where));
    }
    if (route.auth) {
      const problem = this.authenticate(route.api, req, url.searchParams);
      if (problem) return finish(this.checked(errors.unauthorized(problem), where));
    }
    const contentType = mediaType(req);
    const form = contentType === "application/x-www-form-urlencoded" ? new URLSearchParams(body.toString("utf8")) : undefined;
    if (this.d.validator) {
      const problem = this.d.validator.checkRequest(route.operationId, {
        pathParams,
        query: url.searchParams,
        headers: req.headers,
        contentType,
        form,
        bodyLength: body.length,
      });
      if (problem) return finish(this.checked(errors.invalidParameter(problem), where));
    }

    let reply: Reply;
    try {
      reply = route.handle({ query: url.searchParams, pathParams, form: form ?? new URLSearchParams(), state: this.d.state, faults: decision });
    } catch (error) {
      if (!(error instanceof ParamError)) {
        this.d.log({ level: "error", message: `${route.operationId} failed: ${(error as Error).stack ?? String(error)}`, operationId: route.operationId });
        return finish(errors.serverError("the mock failed to handle the request"));
      }
      reply = errors.invalidParameter(error.message);
    }
    // Paging faults lie about totals and pages but keep the shape, so their answers are still checked.
    finish(this.checked(reply, where));
  }

  /** Waits out latency; false when the server closed meanwhile (the connection is gone by then). */
  private async wait(ms: number, res: ServerResponse): Promise<boolean> {
    try {
      await sleep(ms, this.d.signal);
      return true;
    } catch {
      res.destroy();
      return false;
    }
  }

  private authenticate(api: ApiName, req: IncomingMessage, query: URLSearchParams): AuthProblem | undefined {
    const header = req.headers.authorization;
    const bearer = header ? /^Bearer\s+(\S+)\s*$/i.exec(header)?.[1] : undefined;
    // Workplace also takes the token as a query parameter; the header wins when both are present.
    const token = bearer ?? (api === "workplace" ? (query.get("access_token") ?? undefined) : undefined);
    if (!token) return "missing";
    const check = this.d.state.tokens[api].checkAccess(token);
    return check === "valid" ? undefined : check;
  }

  /**
   * The mock's own answers must match the spec; one that does not is a bug in the mock or the spec, so it is
   * recorded, logged and turned into an HTTP 500 instead of being passed off as Yeastar's behaviour.
   */
  private checked(
    reply: Reply,
    where: { api: ApiName; operationId?: string; method: string; path: string },
  ): Reply {
    const validator = this.d.validator;
    if (!validator || reply.raw !== undefined) return reply;
    const errors = where.operationId
      ? validator.checkResponse(where.operationId, reply.status, reply.body)
      : validator.checkApiError(where.api, reply.status, reply.body);
    if (!errors) return reply;
    const record: ResponseValidationError = {
      operationId: where.operationId,
      api: where.api,
      method: where.method,
      path: where.path,
      status: reply.status,
      errors,
    };
    this.d.validationErrors.push(record);
    this.d.log({
      level: "error",
      message: `BUG: the mock's HTTP ${reply.status} response breaks the spec: ${errors.join("; ")}`,
      ...(where.operationId ? { operationId: where.operationId } : {}),
      method: where.method,
      path: where.path,
      status: reply.status,
    });
    return API_ERRORS[where.api].serverError(`mock response failed spec validation: ${errors.join("; ")}`);
  }

  /** Injected faults are sent as they are: they exist to break the rules. */
  private faultReply(fault: Fault, api: ApiName): Reply | "dropped" {
    const errors = API_ERRORS[api];
    const retryAfter = (seconds: number | undefined): Record<string, string> =>
      seconds === undefined ? {} : { "retry-after": String(seconds) };
    switch (fault.kind) {
      case "status": {
        const reply = errors.httpError(fault.status);
        return { ...reply, headers: retryAfter(fault.retryAfter) };
      }
      case "ycmError": {
        const reply = ycmFailure(fault.code, undefined, fault.httpStatus ?? defaultYcmHttpStatus(fault.code));
        return { ...reply, headers: retryAfter(fault.retryAfter) };
      }
      case "html": {
        const status = fault.status ?? 502;
        return { status, raw: gatewayErrorPage(status), contentType: "text/html" };
      }
      case "malformedJson": {
        const full = errors.sampleSuccessJson();
        return { status: 200, raw: full.slice(0, Math.floor(full.length / 2)) };
      }
      case "drop":
        return "dropped";
      case "failedEnvelope":
        return errors.failedEnvelope();
      case "tokenExpired":
        return errors.unauthorized("expired");
      default:
        throw new Error(`fault ${fault.kind} does not replace the response`);
    }
  }
}
