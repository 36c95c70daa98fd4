import { randomBytes, randomUUID } from "node:crypto";

/** The wire shapes of both APIs' answers: success and error envelopes, and the errors every route can produce. */

export type ApiName = "ycm" | "workplace";

/** What a route or the server sends back. `raw` bypasses JSON serialisation (HTML pages, truncated JSON). */
export interface Reply {
  status: number;
  body?: unknown;
  raw?: string;
  contentType?: string;
  headers?: Record<string, string>;
}

/** YCM's published error codes (error-code.html). */
export const YCM_ERROR_CODES: Readonly<Record<number, string>> = {
  1000001: "SERVER_ERROR",
  1000002: "AUTHENTICATION_FAILED",
  1000004: "INVALID_PARAMETER",
  1000005: "DATA_NOT_FOUND",
  1000007: "DATA_ALREADY_EXISTS",
  1000008: "UPLOAD_FILE_FAILED",
  1000010: "INVALID_VERIFICATION_CODE",
  1000011: "SESSION_EXPIRED",
  1000012: "DATABASE_ERROR",
  1000013: "EMAIL_LOAD_FAILED",
  1000015: "USER_NOT_FOUND",
  1000017: "SEND_TEST_EMAIL_FAILED",
  1000018: "ILLEGAL_WEBSOCKET_SUBSCRIPTION",
  1000019: "EMAIL_ADDRESS_ALREADY_EXISTS",
  1000024: "CONFIGURATION_FILE_NOT_FOUND",
  1000027: "CMD_EXEC_ERROR",
  1000028: "EMAIL_TEMPLATE_NOT_FOUND",
  1000029: "SEND_EMAIL_FAILED",
  1000030: "LOCK_HAS_RELEASED_BY_OTHER_THREAD",
  1000031: "INVALID_LOCK_TIME",
  1000033: "INVALID_CLIENT",
  1000035: "TOKEN_EXPIRED",
  1000036: "INVALID_TOKEN",
  1000040: "RATE_LIMIT_EXCEEDED",
  1000042: "ACCESS_DENIED",
  1000043: "PERMISSION_DENIED",
  1000053: "TOTP_ENABLE_ERROR",
  1000055: "TOTP_CHECK_PASSWORD_TOKEN_ERROR",
  2000016: "DEVICE_NO_ACTIVE_ERROR",
  2000024: "DEVICE_MODEL_NOT_SUPPORT",
};

export const YcmCode = {
  SERVER_ERROR: 1000001,
  INVALID_PARAMETER: 1000004,
  DATA_NOT_FOUND: 1000005,
  USER_NOT_FOUND: 1000015,
  INVALID_CLIENT: 1000033,
  TOKEN_EXPIRED: 1000035,
  INVALID_TOKEN: 1000036,
  RATE_LIMIT_EXCEEDED: 1000040,
  ACCESS_DENIED: 1000042,
} as const;

/** The HTTP status the mock pairs with a YCM code when nobody says otherwise (the vendor does not publish one). */
export function defaultYcmHttpStatus(code: number): number {
  switch (code) {
    case 1000040:
      return 429;
    case 1000001:
    case 1000012:
    case 1000027:
      return 500;
    case 1000002:
    case 1000011:
    case 1000033:
    case 1000035:
    case 1000036:
      return 401;
    case 1000042:
    case 1000043:
      return 403;
    case 1000005:
    case 1000015:
      return 404;
    default:
      return 400;
  }
}

export function ycmTime(): number {
  return Math.floor(Date.now() / 1000);
}

export function ycmSuccess(data: unknown): Reply {
  return { status: 200, body: { data, requestId: randomUUID(), status: "Success", time: ycmTime() } };
}

/**
 * `errcode`/`errmsg` are the mock's names: the vendor shows only requestId/status/time on errors. `errmsg` is
 * the code's name, followed by ": detail" when there is something to add (e.g. which parameter was wrong).
 */
export function ycmFailure(code: number, detail?: string, httpStatus = defaultYcmHttpStatus(code)): Reply {
  const name = YCM_ERROR_CODES[code] ?? "UNKNOWN_ERROR";
  return {
    status: httpStatus,
    body: {
      requestId: randomUUID(),
      status: "Failed",
      time: ycmTime(),
      errcode: code,
      errmsg: detail ? `${name}: ${detail}` : name,
    },
  };
}

export function workplaceSuccess(data: unknown): Reply {
  return { status: 200, body: { data, status: "Success", requestId: workplaceRequestId() } };
}

export function workplaceFailure(status: number, errMsg: string, detailMsg: string): Reply {
  return { status, body: { status: "Failed", requestId: workplaceRequestId(), errMsg, detailMsg } };
}

function workplaceRequestId(): string {
  return randomBytes(16).toString("hex");
}

export type AuthProblem = "missing" | "unknown" | "expired";

/** The errors the server core produces on behalf of a route, in the envelope of the route's API. */
export interface ApiErrors {
  invalidParameter(detail: string): Reply;
  unauthorized(problem: AuthProblem): Reply;
  notFound(detail: string): Reply;
  methodNotAllowed(method: string): Reply;
  serverError(detail: string): Reply;
  /** The body of an injected `status` fault. */
  httpError(status: number): Reply;
  /** An HTTP 200 whose envelope says Failed. */
  failedEnvelope(): Reply;
  /** A valid-looking success body for this API, cut short by the malformedJson fault. */
  sampleSuccessJson(): string;
}

export const ycmErrors: ApiErrors = {
  invalidParameter: (detail) => ycmFailure(YcmCode.INVALID_PARAMETER, detail, 400),
  unauthorized: (problem) =>
    problem === "expired" ? ycmFailure(YcmCode.TOKEN_EXPIRED, undefined, 401) : ycmFailure(YcmCode.INVALID_TOKEN, undefined, 401),
  notFound: (detail) => ycmFailure(YcmCode.DATA_NOT_FOUND, detail, 404),
  methodNotAllowed: (method) => ycmFailure(YcmCode.ACCESS_DENIED, `Request method '${method}' not supported`, 405),
  serverError: (detail) => ycmFailure(YcmCode.SERVER_ERROR, detail, 500),
  httpError: (status) =>
    status === 429 ? ycmFailure(YcmCode.RATE_LIMIT_EXCEEDED, undefined, 429) : ycmFailure(YcmCode.SERVER_ERROR, undefined, status),
  failedEnvelope: () => ycmFailure(YcmCode.SERVER_ERROR, undefined, 200),
  sampleSuccessJson: () =>
    JSON.stringify(
      ycmSuccess({ pageSize: 2, pageNumber: 1, total: 2, list: [{ userId: 10691, firstName: "Ball" }, { userId: 11000 }] }).body,
    ),
};

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
  sampleSuccessJson: () =>
    JSON.stringify(
      workplaceSuccess({ pageSize: 2, pageNo: 1, total: 2, list: [{ userId: 10016, memberId: 2669 }, { userId: 10047 }] }).body,
    ),
};

export const API_ERRORS: Record<ApiName, ApiErrors> = { ycm: ycmErrors, workplace: workplaceErrors };
