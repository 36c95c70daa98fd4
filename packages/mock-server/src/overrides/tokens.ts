import { ycmTime, type Reply } from "../envelopes.js";
import { ParamError, requiredString, stringParam } from "../params.js";
import type { CallContext, Handler } from "../state.js";

/**
 * What the spec cannot express: granting, refreshing and revoking tokens against the mock's credentials and
 * token stores. Keyed by operationId; everything else the mock does comes from the operations' shapes.
 */

function ycmToken(ctx: CallContext): Reply {
  const { form, state, errors } = ctx;
  const grantType = requiredString(form, "grant_type");
  const { tokens, credentials } = state;
  let clientId: string;
  if (grantType === "client_credentials") {
    const id = requiredString(form, "client_id");
    const secret = requiredString(form, "client_secret");
    if (id !== credentials.ycm.clientId || secret !== credentials.ycm.clientSecret) return errors.named("INVALID_CLIENT", undefined, 401);
    clientId = id;
  } else if (grantType === "refresh_token") {
    const refreshToken = requiredString(form, "refresh_token");
    // The vendor asks only for the refresh token here; if the client sends its ID anyway, it has to be the right one.
    const id = stringParam(form, "client_id");
    if (id !== undefined && id !== credentials.ycm.clientId) return errors.named("INVALID_CLIENT", undefined, 401);
    const check = tokens.ycm.useRefresh(refreshToken);
    if (!check.ok) {
      return check.reason === "expired"
        ? errors.named("TOKEN_EXPIRED", "refresh token has expired", 401)
        : errors.named("INVALID_TOKEN", "refresh token is invalid, used or revoked", 401);
    }
    clientId = check.clientId;
  } else {
    throw new ParamError("grant_type", `must be client_credentials or refresh_token (got "${grantType}")`);
  }
  const issued = tokens.ycm.issue(clientId);
  state.onTokensIssued("ycm");
  return {
    status: 200,
    body: { access_token: issued.accessToken, refresh_token: issued.refreshToken, token_type: "bearer", expires_in: issued.expiresIn, jti: issued.jti },
  };
}

function revokeYcmRefreshToken({ form, state, errors }: CallContext): Reply {
  const id = requiredString(form, "client_id");
  const secret = requiredString(form, "client_secret");
  const { clientId, clientSecret } = state.credentials.ycm;
  if (id !== clientId || secret !== clientSecret) return errors.named("INVALID_CLIENT", undefined, 401);
  state.tokens.ycm.revokeRefreshTokens(clientId);
  return { status: 200, body: { client_id: clientId, effect_time: ycmTime() } };
}

function workplaceClientMatches(ctx: CallContext): boolean {
  const id = requiredString(ctx.form, "client_id");
  const secret = requiredString(ctx.form, "client_secret");
  const expected = ctx.state.credentials.workplace;
  return id === expected.clientId && secret === expected.clientSecret;
}

function workplaceTokens(ctx: CallContext): Reply {
  const issued = ctx.state.tokens.workplace.issue(ctx.state.credentials.workplace.clientId);
  ctx.state.onTokensIssued("workplace");
  return { status: 200, body: { access_token: issued.accessToken, refresh_token: issued.refreshToken, expires_in: issued.expiresIn } };
}

const invalidWorkplaceClient = (ctx: CallContext): Reply => ctx.errors.named("ACCESS_DENIED", "invalid client_id or client_secret", 401);

function getWorkplaceToken(ctx: CallContext): Reply {
  return workplaceClientMatches(ctx) ? workplaceTokens(ctx) : invalidWorkplaceClient(ctx);
}

function refreshWorkplaceToken(ctx: CallContext): Reply {
  const token = requiredString(ctx.form, "refresh_token");
  if (!workplaceClientMatches(ctx)) return invalidWorkplaceClient(ctx);
  const check = ctx.state.tokens.workplace.useRefresh(token);
  if (!check.ok) {
    const detail = check.reason === "expired" ? "refresh token has expired" : "refresh token is invalid or already used";
    return ctx.errors.named("ACCESS_DENIED", detail, 401);
  }
  return workplaceTokens(ctx);
}

export const TOKEN_OVERRIDES: Readonly<Record<string, Handler>> = {
  requestYcmToken: ycmToken,
  revokeYcmRefreshToken,
  getWorkplaceToken,
  refreshWorkplaceToken,
};
