import type { paths } from "@yeastar-openapi/types/ycm";
import { createApiClient } from "../core/client.js";
import type { YeastarClientOptions } from "../core/options.js";
import type { ManagedPaths, YeastarClient } from "../core/types.js";
import { ycmProduct } from "./product.js";

/** Every YCM path of the spec, with the User-Agent header left to the client. */
export type YcmPaths = ManagedPaths<paths>;
export type YcmClient = YeastarClient<YcmPaths>;
export type YcmClientOptions = YeastarClientOptions;

/**
 * A typed client for Yeastar Central Management. `baseUrl` defaults to https://ycm.yeastar.com;
 * pass `clientId` + `clientSecret` to let the client obtain and refresh tokens, or `accessToken`.
 */
export function createYcmClient(options: YcmClientOptions): YcmClient {
  return createApiClient(ycmProduct, options) as YcmClient;
}
