import { randomUUID } from "node:crypto";
import type { SpecModel } from "@yeastar-openapi/spec-model";
import { randomHexId } from "./request-ids.js";

/**
 * The wire shapes of both APIs' answers: the error envelopes and the errors the pipeline produces. YCM's codes
 * are looked up by name in the spec's `YcmErrorCode` table; none is spelled out here.
 */

export type ApiName = "ycm" | "workplace";

/** What a behaviour or the server sends back. `raw` bypasses JSON serialisation (HTML pages, truncated JSON). */
export interface Reply {
  status: number;
  body?: unknown;
  raw?: string;
  contentType?: string;
  headers?: Record<string, string>;
}

/** The HTTP status the mock pairs with a YCM error (the vendor publishes none): by the error's name. */
const YCM_STATUS_BY_NAME: Readonly<Record<string, number>> = {
  RATE_LIMIT_EXCEEDED: 429,
  SERVER_ERROR: 500,
  DATABASE_ERROR: 500,
  CMD_EXEC_ERROR: 500,
  AUTHENTICATION_FAILED: 401,
  SESSION_EXPIRED: 401,
  INVALID_CLIENT: 401,
  TOKEN_EXPIRED: 401,
  INVALID_TOKEN: 401,
  ACCESS_DENIED: 403,
  PERMISSION_DENIED: 403,
};

function ycmStatusOf(name: string): number {
  return YCM_STATUS_BY_NAME[name] ?? (name.endsWith("_NOT_FOUND") ? 404 : 400);
}

export function ycmTime(): number {
  return Math.floor(Date.now() / 1000);
}

export type AuthProblem = "missing" | "unknown" | "expired";

/** The errors the pipeline produces on behalf of an operation, in the envelope of its API. */
export interface ApiErrors {
  invalidParameter(detail: string): Reply;
  unauthorized(problem: AuthProblem): Reply;
  /** `resource` is the collection's name (`YcmUser`): YCM has a dedicated code for some (`USER_NOT_FOUND`). */
  notFound(detail: string, resource?: string): Reply;
  methodNotAllowed(method: string): Reply;
  serverError(detail: string): Reply;
  /** The body of an injected `status` fault. */
  httpError(status: number): Reply;
  /** An HTTP 200 whose envelope says Failed. */
  failedEnvelope(): Reply;
  /** A YCM error by code (the `ycmError` fault); other APIs answer a server error. */
  byCode(code: number, httpStatus?: number): Reply;
  /** A YCM error by name (`INVALID_CLIENT`). */
  named(name: string, detail?: string, httpStatus?: number): Reply;
}

/**
 * `errcode`/`errmsg` are the mock's names: the vendor shows only requestId/status/time on errors. `errmsg` is
 * the code's name, followed by ": detail" when there is something to add (e.g. which parameter was wrong).
 */
export function ycmErrors(model: SpecModel): ApiErrors {
  const failure = (code: number, detail?: string, httpStatus?: number): Reply => {
    const name = model.errorName(code) ?? "UNKNOWN_ERROR";
    return {
      status: httpStatus ?? ycmStatusOf(name),
      body: { requestId: randomUUID(), status: "Failed", time: ycmTime(), errcode: code, errmsg: detail ? `${name}: ${detail}` : name },
    };
  };
  const named = (name: string, detail?: string, httpStatus?: number): Reply => failure(model.errorCode(name), detail, httpStatus);
  // Resolved now: a spec without these names must stop the mock at start, not on the first error.
  for (const name of ["INVALID_PARAMETER", "TOKEN_EXPIRED", "INVALID_TOKEN", "DATA_NOT_FOUND", "ACCESS_DENIED", "SERVER_ERROR", "RATE_LIMIT_EXCEEDED"]) {
    model.errorCode(name);
  }
  return {
    invalidParameter: (detail) => named("INVALID_PARAMETER", detail, 400),
    unauthorized: (problem) => (problem === "expired" ? named("TOKEN_EXPIRED", undefined, 401) : named("INVALID_TOKEN", undefined, 401)),
    notFound: (detail, resource) => {
      const word = resource?.match(/[A-Z][a-z0-9]*$/)?.[0]?.toUpperCase();
      const dedicated = word ? model.errorCodes.find((e) => e.name === `${word}_NOT_FOUND`) : undefined;
      return dedicated ? failure(dedicated.code, detail, 404) : named("DATA_NOT_FOUND", detail, 404);
    },
    methodNotAllowed: (method) => named("ACCESS_DENIED", `Request method '${method}' not supported`, 405),
    serverError: (detail) => named("SERVER_ERROR", detail, 500),
    httpError: (status) => (status === 429 ? named("RATE_LIMIT_EXCEEDED", undefined, 429) : named("SERVER_ERROR", undefined, status)),
    failedEnvelope: () => named("SERVER_ERROR", undefined, 200),
    byCode: (code, httpStatus) => failure(code, undefined, httpStatus),
    named,
  };
}

export function workplaceFailure(status: number, errMsg: string, detailMsg: string): Reply {
  return { status, body: { status: "Failed", requestId: randomHexId(), errMsg, detailMsg } };
}

const AUTH_DETAIL: Record<AuthProblem, string> = {
  missing: "access token is missing",
  unknown: "access token is invalid",
  expired: "access token has expired",
};

/** Workplace publishes one errMsg (ACCESS_DENIED); the mock reuses it for every authentication failure. */
export const workplaceErrors: ApiErrors = {
  invalidParameter: (detail) => workplaceFailure(400, "INVALID_PARAMETER", detail),
  unauthorized: (problem) => workplaceFailure(401, "ACCESS_DENIED", AUTH_DETAIL[problem]),
  notFound: (detail) => workplaceFailure(404, "NOT_FOUND", detail),
  methodNotAllowed: (method) => workplaceFailure(405, "ACCESS_DENIED", `Request method '${method}' not supported`),
  serverError: (detail) => workplaceFailure(500, "SERVER_ERROR", detail),
  httpError: (status) =>
    status === 429
      ? workplaceFailure(429, "RATE_LIMIT_EXCEEDED", "too many requests")
      : workplaceFailure(status, "SERVER_ERROR", `HTTP ${status} injected by the mock`),
  failedEnvelope: () => workplaceFailure(200, "SERVER_ERROR", "the request failed (injected by the mock)"),
  byCode: (code, httpStatus) => workplaceFailure(httpStatus ?? 500, "SERVER_ERROR", `error ${code} injected by the mock`),
  named: (name, detail, httpStatus) => workplaceFailure(httpStatus ?? 400, name, detail ?? name),
};

export function apiErrors(models: Record<ApiName, SpecModel>): Record<ApiName, ApiErrors> {
  return { ycm: ycmErrors(models.ycm), workplace: workplaceErrors };
}
