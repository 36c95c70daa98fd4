import type { paths } from "@yeastar-openapi/types/ycm";
import { createApiClient } from "../core/client.js";
import type { ExactPaths, LongOf } from "../core/exact-types.js";
import type { YeastarClientOptions } from "../core/options.js";
import type { ManagedPaths, YeastarClient } from "../core/types.js";
import { pbxApi, type YcmPbxApi } from "./pbx-api.js";
import { ycmProduct } from "./product.js";

export type { YcmPbxApi, YcmPbxApiAnswer, YcmPbxApiBody, YcmPbxApiInit, YcmPbxApiQuery } from "./pbx-api.js";

/** Every YCM path of the spec, with the User-Agent header left to the client. */
export type YcmPaths = ManagedPaths<paths>;
/** The YCM client; `L` is what a Long beyond 2^53 is in exact mode (the `int64` option), never by default. */
export type YcmClient<L = never> = YeastarClient<ExactPaths<YcmPaths, L>> & {
  /** Calls a Cloud PBX's own API through YCM (the pass-through): `ycm.pbxApi.get(sn, "openapi/v1.0/extension/list")`. */
  readonly pbxApi: YcmPbxApi;
};
export type YcmClientOptions = YeastarClientOptions;

/**
 * A typed client for Yeastar Central Management. `baseUrl` defaults to https://ycm.yeastar.com;
 * pass `clientId` + `clientSecret` to let the client obtain and refresh tokens, or `accessToken`.
 */
export function createYcmClient<const O extends YcmClientOptions>(options: O): YcmClient<LongOf<O>> {
  const client = createApiClient(ycmProduct, options);
  return Object.assign(client, { pbxApi: pbxApi(client) }) as YcmClient<LongOf<O>>;
}
