export { startMockServer } from "./server.js";
export type { MockServer } from "./server.js";
export type { MockStats } from "./stats.js";
export type { ResponseValidationError } from "./handler.js";
export type { MockServerOptions, MockLogEvent, PerApi } from "./options.js";
export { DEFAULT_CREDENTIALS, DEFAULT_LIFETIMES } from "./options.js";
export { createDataset, DATASET_DEFAULTS } from "./data.js";
export type {
  Dataset,
  DatasetOptions,
  YcmUser,
  YcmUserDetail,
  YcmSubordinate,
  WorkplaceUser,
  WorkplaceGroup,
} from "./data.js";
export type { Fault, FaultKind, FaultScope, FaultHandle } from "./faults.js";
export type { ClientCredentials } from "./routes/types.js";
export type { TokenLifetimes } from "./tokens.js";
export { YCM_ERROR_CODES } from "./envelopes.js";
export type { ApiName } from "./envelopes.js";
