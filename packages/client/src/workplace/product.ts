// Workplace's run-time specifics: its error envelope (`errMsg` is the code, `detailMsg` the
// message) and its token endpoints. It publishes no error codes and no rate limits.
import { workplaceSpec } from "../generated/workplace.js";
import { isRecord, pick, type Product } from "../core/product.js";
import type { TokenGrant } from "../core/tokens.js";

const GET_TOKEN_PATH = "/services/openapi/v1.0/authentication/get_token";
const REFRESH_TOKEN_PATH = "/services/openapi/v1.0/authentication/refresh_token";

export const workplaceProduct: Product = {
  api: "Workplace",
  meta: workplaceSpec,
  vendorError(body, httpError) {
    if (!isRecord(body) || (!httpError && body.status !== "Failed")) return undefined;
    const code = pick(body, ["errMsg"])?.toString();
    const detail = pick(body, ["detailMsg"])?.toString();
    // detailMsg is the detail the README and YeastarApiError.detail promise; the message
    // shows it once (errors.ts).
    return { code, detail, requestId: pick(body, ["requestId"])?.toString() };
  },
  tokenRejected: (error) => error.status === 401,
  rateLimited: () => false,
  // 24 hours (spec/workplace/components/schemas/WorkplaceTokenResponse.yaml).
  tokenLifetimeMs: 86_400_000,
  grants: (request) => ({
    clientCredentials: ({ clientId, clientSecret }) =>
      request("POST", GET_TOKEN_PATH, { client_id: clientId, client_secret: clientSecret }) as Promise<TokenGrant>,
    refresh: ({ clientId, clientSecret }, refreshToken) =>
      request("POST", REFRESH_TOKEN_PATH, { client_id: clientId, client_secret: clientSecret, refresh_token: refreshToken }) as Promise<TokenGrant>,
  }),
};
