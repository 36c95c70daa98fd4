// YCM's run-time specifics: its error envelope, the codes that mean "new token" and
// "slow down", and its token endpoint.
import { ycmSpec } from "../generated/ycm.js";
import { isRecord, pick, type Product } from "../core/product.js";
import type { TokenGrant } from "../core/tokens.js";

const TOKEN_EXPIRED = 1000035;
const INVALID_TOKEN = 1000036;
const RATE_LIMIT_EXCEEDED = 1000040;

// The docs show `requestId`, `status` and `time` in an error body but not the names of the
// code and message fields, so the first one present is read.
const CODE_FIELDS = ["errcode", "errCode", "code", "error_code", "error"];
const MESSAGE_FIELDS = ["errmsg", "errMsg", "message", "msg", "error_description"];

const TOKEN_PATH = "/dm/open_api/oauth/token";

export const ycmProduct: Product = {
  api: "YCM",
  meta: ycmSpec,
  vendorError(body, httpError) {
    if (!isRecord(body) || (!httpError && body.status !== "Failed")) return undefined;
    const code = pick(body, CODE_FIELDS);
    return {
      code: typeof code === "string" && /^\d+$/.test(code) ? Number(code) : code,
      message: pick(body, MESSAGE_FIELDS)?.toString(),
      requestId: pick(body, ["requestId"])?.toString(),
    };
  },
  tokenRejected: (error) => error.status === 401 || error.code === TOKEN_EXPIRED || error.code === INVALID_TOKEN,
  rateLimited: (error) => error.code === RATE_LIMIT_EXCEEDED,
  // 30 minutes (spec/ycm/components/schemas/YcmTokenResponse.yaml).
  tokenLifetimeMs: 1_800_000,
  grants: (request) => ({
    clientCredentials: ({ clientId, clientSecret }) =>
      request("POST", TOKEN_PATH, { grant_type: "client_credentials", client_id: clientId, client_secret: clientSecret }) as Promise<TokenGrant>,
    refresh: (_credentials, refreshToken) =>
      request("POST", TOKEN_PATH, { grant_type: "refresh_token", refresh_token: refreshToken }) as Promise<TokenGrant>,
  }),
};
