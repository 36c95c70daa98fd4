// YCM's pass-through to a Cloud PBX's own API (`/dm/open_api/v1/cloud_pbx/{sn}/**`), as two
// calls: the spec models the `**` as the wildcard path parameter `pbxApiPath` (sent with its
// slashes, checked so it cannot leave its place in the URL: core/params.ts, core/styles.ts) and
// the GET's forwarded query as the free-form object `pbxApiQuery`. This only spares the caller
// those two names; checks, retries, tokens and errors are those of every call.
import type { components, paths } from "@yeastar-openapi/types/ycm";
import type { CallOptions, YeastarClient } from "../core/types.js";

const PBX_API = "/dm/open_api/v1/cloud_pbx/{sn}/{pbxApiPath}";

/** The PBX API endpoint's answer with YCM's `requestId` (not YCM's envelope: check `errcode`). */
export type YcmPbxApiAnswer = components["schemas"]["YcmPbxApiResponse"];
/** The JSON body the PBX API endpoint documents. */
export type YcmPbxApiBody = components["schemas"]["YcmPbxApiRequest"];
/** The query parameters forwarded to the PBX API endpoint. */
export type YcmPbxApiQuery = NonNullable<NonNullable<paths[typeof PBX_API]["get"]["parameters"]["query"]>["pbxApiQuery"]>;

export interface YcmPbxApiInit extends CallOptions {
  /** Extra request headers (plain names and values: the declaration needs no DOM or fetch types). */
  headers?: Record<string, string>;
}

export interface YcmPbxApi {
  /**
   * Calls GET `path` of the Cloud PBX `sn`'s API through YCM, e.g.
   * `get(sn, "openapi/v1.0/extension/list", { query: { page: 1 } })`. `path` has no leading
   * slash and no `..`, `.` or empty segment, `?`, `#`, `%` or `\`: pass query parameters in `query`.
   */
  get(sn: string, path: string, init?: YcmPbxApiInit & { query?: YcmPbxApiQuery }): Promise<{ data: YcmPbxApiAnswer; response: Response }>;
  /** Calls POST `path` of the Cloud PBX `sn`'s API through YCM with `body` as JSON. */
  post(sn: string, path: string, body: YcmPbxApiBody, init?: YcmPbxApiInit): Promise<{ data: YcmPbxApiAnswer; response: Response }>;
}

type Untyped = YeastarClient<any>;

export function pbxApi(client: Untyped): YcmPbxApi {
  return {
    get: (sn, pbxApiPath, { query, ...init } = {}) =>
      client.GET(PBX_API, { ...init, params: { path: { sn, pbxApiPath }, ...(query && { query: { pbxApiQuery: query } }) } }),
    post: (sn, pbxApiPath, body, init) => client.POST(PBX_API, { ...init, params: { path: { sn, pbxApiPath } }, body }),
  };
}
