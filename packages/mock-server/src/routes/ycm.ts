import type { YcmUser } from "../data.js";
import { YcmCode, ycmFailure, ycmSuccess, ycmTime, type Reply } from "../envelopes.js";
import { search, sortByField } from "../listing.js";
import { intParam, intValue, ParamError, requiredString, stringParam } from "../params.js";
import { pageWithFaults, type Route, type RouteContext } from "./types.js";

/** YCM's documented paging rules for both list endpoints. */
const PAGE_SIZE = { default: 10, min: 1, max: 50 } as const;
const PAGE_NUMBER = { default: 1, min: 1 } as const;

/** `sort` accepts any YcmUser field; the vendor documents userId and -userId and says "the response parameters". */
const SORTABLE_FIELDS: ReadonlyArray<keyof YcmUser> = [
  "userId", "company", "firstName", "lastName", "email", "phone", "mobile", "address", "remark",
  "createdCloudPbx", "userType", "twoFactorAuthenticationEnable",
];

function listUsers({ query, state, faults }: RouteContext): Reply {
  const pageSize = intParam(query, "pageSize", PAGE_SIZE);
  const pageNumber = intParam(query, "pageNumber", PAGE_NUMBER);
  let users = state.dataset.ycmUsers;
  const sort = stringParam(query, "sort");
  if (sort !== undefined && sort !== "") {
    const descending = sort.startsWith("-");
    const field = descending ? sort.slice(1) : sort;
    if (!(SORTABLE_FIELDS as readonly string[]).includes(field)) {
      throw new ParamError("sort", `must be a user field name, optionally prefixed with "-" (got "${sort}")`);
    }
    users = sortByField(users, field, descending);
  }
  const page = pageWithFaults(users, pageSize, pageNumber, faults);
  return ycmSuccess({ pageSize, pageNumber, total: page.total, list: page.list });
}

function getUser({ pathParams, state }: RouteContext): Reply {
  const userId = intValue("userId", pathParams.userId ?? "");
  const user = state.dataset.ycmUserDetails.find((u) => u.userId === userId);
  return user ? ycmSuccess(user) : ycmFailure(YcmCode.USER_NOT_FOUND, `no user with userId ${userId}`, 404);
}

function listSubordinates({ query, state, faults }: RouteContext): Reply {
  const pageSize = intParam(query, "pageSize", PAGE_SIZE);
  const pageNumber = intParam(query, "pageNumber", PAGE_NUMBER);
  const keyword = stringParam(query, "query") ?? "";
  const matches = search(state.dataset.ycmSubordinates, keyword, (s) => [String(s.userId), s.userName, s.userEmail]);
  const page = pageWithFaults(matches, pageSize, pageNumber, faults);
  return ycmSuccess({ pageSize, pageNumber, total: page.total, list: page.list });
}

function requestToken({ form, state }: RouteContext): Reply {
  const grantType = requiredString(form, "grant_type");
  const { tokens, credentials } = state;
  let clientId: string;
  if (grantType === "client_credentials") {
    const id = requiredString(form, "client_id");
    const secret = requiredString(form, "client_secret");
    if (id !== credentials.ycm.clientId || secret !== credentials.ycm.clientSecret) {
      return ycmFailure(YcmCode.INVALID_CLIENT, undefined, 401);
    }
    clientId = id;
  } else if (grantType === "refresh_token") {
    const refreshToken = requiredString(form, "refresh_token");
    // The vendor asks only for the refresh token here; if the client sends its ID anyway, it has to be the right one.
    const id = stringParam(form, "client_id");
    if (id !== undefined && id !== credentials.ycm.clientId) return ycmFailure(YcmCode.INVALID_CLIENT, undefined, 401);
    const check = tokens.ycm.useRefresh(refreshToken);
    if (!check.ok) {
      return check.reason === "expired"
        ? ycmFailure(YcmCode.TOKEN_EXPIRED, "refresh token has expired", 401)
        : ycmFailure(YcmCode.INVALID_TOKEN, "refresh token is invalid, used or revoked", 401);
    }
    clientId = check.clientId;
  } else {
    throw new ParamError("grant_type", `must be client_credentials or refresh_token (got "${grantType}")`);
  }
  const issued = tokens.ycm.issue(clientId);
  state.onTokensIssued("ycm");
  return {
    status: 200,
    body: {
      access_token: issued.accessToken,
      refresh_token: issued.refreshToken,
      token_type: "bearer",
      expires_in: issued.expiresIn,
      jti: issued.jti,
    },
  };
}

function revokeRefreshToken({ form, state }: RouteContext): Reply {
  const id = requiredString(form, "client_id");
  const secret = requiredString(form, "client_secret");
  const { clientId, clientSecret } = state.credentials.ycm;
  if (id !== clientId || secret !== clientSecret) return ycmFailure(YcmCode.INVALID_CLIENT, undefined, 401);
  state.tokens.ycm.revokeRefreshTokens(clientId);
  return { status: 200, body: { client_id: clientId, effect_time: ycmTime() } };
}

export const ycmRoutes: readonly Route[] = [
  { api: "ycm", method: "GET", path: "/dm/open_api/v2/users", operationId: "listYcmUsers", auth: true, paged: true, handle: listUsers },
  { api: "ycm", method: "GET", path: "/dm/open_api/v1/users/{userId}", operationId: "getYcmUser", auth: true, paged: false, handle: getUser },
  {
    api: "ycm",
    method: "GET",
    path: "/dm/open_api/v1/user_info/subordinates",
    operationId: "listYcmSubordinates",
    auth: true,
    paged: true,
    handle: listSubordinates,
  },
  { api: "ycm", method: "POST", path: "/dm/open_api/oauth/token", operationId: "requestYcmToken", auth: false, paged: false, handle: requestToken },
  {
    api: "ycm",
    method: "DELETE",
    path: "/dm/open_api/oauth/token/refresh_token",
    operationId: "revokeYcmRefreshToken",
    auth: false,
    paged: false,
    handle: revokeRefreshToken,
  },
];
