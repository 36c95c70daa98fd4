import { workplaceFailure, workplaceSuccess, type Reply } from "../envelopes.js";
import { search } from "../listing.js";
import { intParam, requiredString, stringParam } from "../params.js";
import { pageWithFaults, type Route, type RouteContext } from "./types.js";

/** Workplace publishes no default or maximum page size; these defaults are the mock's (mirroring YCM's). */
const PAGE_SIZE = { default: 10, min: 1 } as const;
const PAGE_NO = { default: 1, min: 1 } as const;

function listUsers({ query, state, faults }: RouteContext): Reply {
  const pageSize = intParam(query, "pageSize", PAGE_SIZE);
  const pageNo = intParam(query, "pageNo", PAGE_NO);
  const keyword = stringParam(query, "query") ?? "";
  const groupNames = new Map(state.dataset.workplaceGroups.map((g) => [g.groupId, g.name]));
  // The vendor matches email, user name, mobile number and user group name.
  const matches = search(state.dataset.workplaceUsers, keyword, (u) => [
    u.email,
    u.firstName,
    u.lastName,
    u.lastName === undefined ? undefined : `${u.firstName} ${u.lastName}`,
    u.phone,
    ...u.groupIds.map((id) => groupNames.get(id)),
  ]);
  const page = pageWithFaults(matches, pageSize, pageNo, faults);
  return workplaceSuccess({ pageSize, pageNo, total: page.total, list: page.list });
}

function clientMatches(form: URLSearchParams, ctx: RouteContext): boolean {
  const id = requiredString(form, "client_id");
  const secret = requiredString(form, "client_secret");
  const expected = ctx.state.credentials.workplace;
  return id === expected.clientId && secret === expected.clientSecret;
}

function tokenReply(ctx: RouteContext): Reply {
  const issued = ctx.state.tokens.workplace.issue(ctx.state.credentials.workplace.clientId);
  ctx.state.onTokensIssued("workplace");
  return {
    status: 200,
    body: { access_token: issued.accessToken, refresh_token: issued.refreshToken, expires_in: issued.expiresIn },
  };
}

const invalidClient = (): Reply => workplaceFailure(401, "ACCESS_DENIED", "invalid client_id or client_secret");

function getToken(ctx: RouteContext): Reply {
  return clientMatches(ctx.form, ctx) ? tokenReply(ctx) : invalidClient();
}

function refreshToken(ctx: RouteContext): Reply {
  const token = requiredString(ctx.form, "refresh_token");
  if (!clientMatches(ctx.form, ctx)) return invalidClient();
  const check = ctx.state.tokens.workplace.useRefresh(token);
  if (!check.ok) {
    const detail = check.reason === "expired" ? "refresh token has expired" : "refresh token is invalid or already used";
    return workplaceFailure(401, "ACCESS_DENIED", detail);
  }
  return tokenReply(ctx);
}

export const workplaceRoutes: readonly Route[] = [
  {
    api: "workplace",
    method: "GET",
    path: "/services/openapi/v1.0/user/user_list",
    operationId: "listWorkplaceUsers",
    auth: true,
    paged: true,
    handle: listUsers,
  },
  {
    api: "workplace",
    method: "POST",
    path: "/services/openapi/v1.0/authentication/get_token",
    operationId: "getWorkplaceToken",
    auth: false,
    paged: false,
    handle: getToken,
  },
  {
    api: "workplace",
    method: "POST",
    path: "/services/openapi/v1.0/authentication/refresh_token",
    operationId: "refreshWorkplaceToken",
    auth: false,
    paged: false,
    handle: refreshToken,
  },
];
