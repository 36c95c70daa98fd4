export {
  createYcmClient,
  type YcmClient,
  type YcmClientOptions,
  type YcmPaths,
  type YcmPbxApi,
  type YcmPbxApiAnswer,
  type YcmPbxApiBody,
  type YcmPbxApiInit,
  type YcmPbxApiQuery,
} from "./ycm/index.js";
export {
  createWorkplaceClient,
  type WorkplaceClient,
  type WorkplaceClientOptions,
  type WorkplacePaths,
  type WorkplaceRegion,
} from "./workplace/index.js";
export {
  YeastarError,
  YeastarApiError,
  YeastarConnectionError,
  YeastarTimeoutError,
  YeastarAbortError,
  YeastarInvalidRequestError,
  YeastarResponseError,
  YeastarPaginationError,
  type YeastarApiName,
  type YeastarErrorContext,
  type YeastarPaginationReason,
} from "./core/errors.js";
export type { YeastarClientOptions, AccessToken } from "./core/options.js";
export type { Int64Mode, RateBudget, TransportPlugin, YeastarHooks } from "./core/plugin.js";
export type { RetryOptions } from "./core/retry.js";
export type { StoredToken, TokenStore, YeastarTokenStore } from "./core/tokens.js";
export type { CallOptions, ManagedPaths, PageItem, PagedPath, PaginateInitFor, SuccessBody, YeastarClient, YeastarResponse } from "./core/types.js";
export { fromUnixSeconds, toUnixSeconds } from "./core/time.js";
export type { Page, PageIterable } from "./core/paginate.js";
export type * from "@yeastar-openapi/types";
