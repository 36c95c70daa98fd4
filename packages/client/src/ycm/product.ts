// YCM's run-time specifics: its error envelope, the codes that mean "new token" and
// "slow down", and its token endpoint.
import { ycmSpec } from "../generated/ycm.js";
import { isRecord, pick, type Product } from "../core/product.js";
import type { TokenGrant } from "../core/tokens.js";

// YCM's codes by their names in the spec (YcmErrorCode's x-enum-varnames): only the spec spells
// the numbers. The type admits only names the generated table has, so a renamed code fails to
// compile here instead of silently never matching.
type YcmErrorName = (typeof ycmSpec.errorCodes)[keyof typeof ycmSpec.errorCodes];
const TOKEN_REFUSED: ReadonlySet<string | undefined> = new Set<YcmErrorName>(["TOKEN_EXPIRED", "INVALID_TOKEN"]);
const RATE_LIMIT_EXCEEDED: YcmErrorName = "RATE_LIMIT_EXCEEDED";

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
  tokenRejected: (error) => error.status === 401 || TOKEN_REFUSED.has(error.codeName),
  rateLimited: (error) => error.codeName === RATE_LIMIT_EXCEEDED,
  // 30 minutes (spec/ycm/components/schemas/YcmTokenResponse.yaml).
  tokenLifetimeMs: 1_800_000,
  grants: (request) => ({
    clientCredentials: ({ clientId, clientSecret }) =>
      request("POST", TOKEN_PATH, { grant_type: "client_credentials", client_id: clientId, client_secret: clientSecret }) as Promise<TokenGrant>,
    refresh: (_credentials, refreshToken) =>
      request("POST", TOKEN_PATH, { grant_type: "refresh_token", refresh_token: refreshToken }) as Promise<TokenGrant>,
  }),
};
