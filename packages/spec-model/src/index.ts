export { HTTP_METHODS, isHttpMethod } from "./methods.js";
export type { HttpMethod } from "./methods.js";
export { API_NAMES, bundlePath, loadSpec, loadSpecs } from "./load.js";
export type { ApiName, LoadOptions } from "./load.js";
export { SpecModel } from "./model.js";
export { RefResolver, refPointer } from "./refs.js";
export type { Located } from "./refs.js";
export { escapePointerSegment, getAtPointer, pointerOf, unescapePointerSegment } from "./pointer.js";
export type { JsonObject } from "./pointer.js";
export { PAGE_NUMBER_PARAMETERS, PAGE_SIZE_PARAMETERS, propertiesOf } from "./paging.js";
export type {
  ErrorCode,
  ListShape,
  MediaType,
  NamedExample,
  Operation,
  Paging,
  Parameter,
  ParameterLocation,
  RequestBody,
  Response,
  Schema,
  SecurityRequirement,
  Webhook,
} from "./types.js";
