import type { IncomingMessage, ServerResponse } from "node:http";
import type { Operation } from "@yeastar-openapi/spec-model";
import type { Answers } from "./behaviours/answers.js";
import { workplaceFailure, type ApiErrors, type ApiName, type Reply } from "./envelopes.js";
import type { Fault, FaultEngine } from "./faults.js";
import { BodyTooLargeError, gatewayErrorPage, mediaType, readBody, send, sleep } from "./http.js";
import type { MockLogEvent, ResolvedOptions } from "./options.js";
import { ParamError } from "./params.js";
import type { Router } from "./router.js";
import { presentedToken, type TokenSource } from "./security.js";
import type { Handler, MockState } from "./state.js";
import type { MockStats } from "./stats.js";
import type { SpecValidator } from "./validate.js";

/**
 * The life of one request, in Prism's order: route -> faults -> validate the request per location -> security
 * from the operation's `security` -> behaviour -> validate the response. Nothing here knows an endpoint.
 */

/** A response of the mock that broke the spec: a bug in the mock or in the spec. */
export interface ResponseValidationError {
  operationId: string | undefined;
  api: ApiName;
  method: string;
  path: string;
  status: number;
  errors: string[];
}

/** What the server prepared for one operation at start-up. */
export interface Served {
  op: Operation;
  api: ApiName;
  handler: Handler;
  tokenSources: TokenSource[];
}

export interface HandlerDeps {
  opts: ResolvedOptions;
  router: Router;
  served: ReadonlyMap<string, Served>;
  errors: Record<ApiName, ApiErrors>;
  answers: Answers;
  faults: FaultEngine;
  stats: MockStats;
  state: MockState;
  validator: SpecValidator | undefined;
  validationErrors: ResponseValidationError[];
  log: (event: MockLogEvent) => void;
  signal: AbortSignal;
}

const EMPTY = Buffer.alloc(0);

export class RequestHandler {
  constructor(private readonly d: HandlerDeps) {}

  async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const started = Date.now();
    const method = req.method ?? "GET";
    // Split by hand: `new URL()` costs more than the rest of routing, and only the path and query are needed.
    let target = req.url ?? "/";
    if (!target.startsWith("/")) {
      // Absolute-form (`GET http://host/path`, as sent to a proxy) is rare: parse it properly; a
      // target no URL parser accepts (`GET http://[`) is the client's mistake, a 400.
      try {
        const parsed = new URL(target);
        target = parsed.pathname + parsed.search;
      } catch {
        const reply = { status: 400, body: { status: "Failed", errMsg: "BAD_REQUEST", detailMsg: "the request target is not a valid URL" } };
        this.d.log({ level: "info", message: `${method} (unparsable request target) -> 400`, method, status: 400 });
        return send(res, reply);
      }
    }
    const mark = target.indexOf("?");
    const path = mark < 0 ? target : target.slice(0, mark);
    const url = { searchParams: new URLSearchParams(mark < 0 ? "" : target.slice(mark + 1)) };
    const match = this.d.router.match(method, path);
    const operationId = match.kind === "route" ? match.op.operationId : undefined;
    const finish = (reply: Reply | "dropped", note?: string): void => {
      const status = reply === "dropped" ? 0 : reply.status;
      if (reply === "dropped") req.socket.destroy();
      else send(res, reply);
      if (!this.d.opts.onLog) return;
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

    let body: Buffer = EMPTY;
    try {
      // A request that announces no body (most GETs) has none to wait for.
      if (req.headers["content-length"] !== undefined || req.headers["transfer-encoding"] !== undefined) body = await readBody(req);
    } catch (error) {
      if (!(error instanceof BodyTooLargeError)) throw error;
      const api = match.kind === "foreign" ? "workplace" : match.api;
      return finish(this.d.errors[api].invalidParameter(error.message));
    }

    if (match.kind !== "route") {
      this.d.stats.unmatchedRequests++;
      const waited = this.wait(this.d.opts.latencyMs, res);
      if (!(waited === true || (await waited))) return;
      if (match.kind === "foreign") return finish(workplaceFailure(404, "NOT_FOUND", `no Yeastar API under ${path}`));
      const errors = this.d.errors[match.api];
      const reply = match.kind === "method" ? errors.methodNotAllowed(method) : errors.notFound(`no operation ${method} ${path}`);
      return finish(this.checked(reply, { api: match.api, method, path }));
    }

    const { op, api, pathParams } = match;
    const served = this.d.served.get(op.operationId)!;
    this.d.stats.requests[op.operationId] = (this.d.stats.requests[op.operationId] ?? 0) + 1;
    const decision = this.d.faults.evaluate(op.operationId);
    const waited = this.wait(this.d.opts.latencyMs + decision.latencyMs, res);
    if (!(waited === true || (await waited))) return;
    if (decision.respond) return finish(this.faultReply(decision.respond, op, api), `fault ${decision.respond.kind}`);

    const errors = this.d.errors[api];
    const where = { api, operationId: op.operationId, method, path };
    const contentType = mediaType(req);
    const form = contentType === "application/x-www-form-urlencoded" ? new URLSearchParams(body.toString("utf8")) : undefined;
    let json: unknown;
    if (contentType !== undefined && /[/+]json$/.test(contentType) && body.length) {
      try {
        json = JSON.parse(body.toString("utf8"));
      } catch {
        return finish(this.checked(errors.invalidParameter("request body is not valid JSON"), where));
      }
    }
    if (this.d.validator) {
      const problem = this.d.validator.checkRequest(op.operationId, {
        pathParams,
        query: url.searchParams,
        headers: req.headers,
        contentType,
        form,
        json,
        bodyLength: body.length,
      });
      if (problem) return finish(this.checked(errors.invalidParameter(problem), where));
    }
    if (op.needsToken) {
      const token = presentedToken(served.tokenSources, req.headers, url.searchParams);
      const check = token === undefined ? "missing" : this.d.state.tokens[api].checkAccess(token);
      if (check !== "valid") return finish(this.checked(errors.unauthorized(check), where));
    }

    let reply: Reply;
    try {
      reply = served.handler({
        op,
        api,
        query: url.searchParams,
        pathParams,
        form: form ?? new URLSearchParams(),
        json,
        state: this.d.state,
        faults: decision,
        errors,
      });
    } catch (error) {
      if (!(error instanceof ParamError)) {
        this.d.log({ level: "error", message: `${op.operationId} failed: ${(error as Error).stack ?? String(error)}`, operationId: op.operationId });
        return finish(errors.serverError("the mock failed to handle the request"));
      }
      reply = errors.invalidParameter(error.message);
    }
    // Paging faults lie about totals and pages but keep the shape, so their answers are still checked.
    finish(this.checked(reply, where));
  }

  /**
   * Waits out latency; false when the server closed meanwhile (the connection is gone by then). Without latency the
   * answer is synchronous: an awaited promise per request would only add a trip through the microtask queue.
   */
  private wait(ms: number, res: ServerResponse): boolean | Promise<boolean> {
    if (ms <= 0 && !this.d.signal.aborted) return true;
    return this.sleepThen(ms, res);
  }

  private async sleepThen(ms: number, res: ServerResponse): Promise<boolean> {
    try {
      await sleep(ms, this.d.signal);
      return true;
    } catch {
      res.destroy();
      return false;
    }
  }

  /**
   * The mock's own answers must match the spec; one that does not is a bug in the mock or the spec, so it is
   * recorded, logged and turned into an HTTP 500 instead of being passed off as Yeastar's behaviour.
   */
  private checked(reply: Reply, where: { api: ApiName; operationId?: string; method: string; path: string }): Reply {
    const validator = this.d.validator;
    if (!validator || reply.raw !== undefined) return reply;
    const errors = where.operationId
      ? validator.checkResponse(where.operationId, reply.status, reply.body)
      : validator.checkApiError(where.api, reply.status, reply.body);
    if (!errors) return reply;
    this.d.validationErrors.push({ operationId: where.operationId, api: where.api, method: where.method, path: where.path, status: reply.status, errors });
    this.d.log({
      level: "error",
      message: `BUG: the mock's HTTP ${reply.status} response breaks the spec: ${errors.join("; ")}`,
      ...(where.operationId ? { operationId: where.operationId } : {}),
      method: where.method,
      path: where.path,
      status: reply.status,
    });
    return this.d.errors[where.api].serverError(`mock response failed spec validation: ${errors.join("; ")}`);
  }

  /** Injected faults are sent as they are: they exist to break the rules. */
  private faultReply(fault: Fault, op: Operation, api: ApiName): Reply | "dropped" {
    const errors = this.d.errors[api];
    const retryAfter = (seconds: number | undefined): Record<string, string> => (seconds === undefined ? {} : { "retry-after": String(seconds) });
    switch (fault.kind) {
      case "status":
        return { ...errors.httpError(fault.status), headers: retryAfter(fault.retryAfter) };
      case "ycmError":
        return { ...errors.byCode(fault.code, fault.httpStatus), headers: retryAfter(fault.retryAfter) };
      case "html": {
        const status = fault.status ?? 502;
        return { status, raw: gatewayErrorPage(status), contentType: "text/html" };
      }
      case "malformedJson": {
        // The operation's own success answer, cut short.
        const full = JSON.stringify(this.d.answers.reply(op).body ?? { status: "Success" });
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
