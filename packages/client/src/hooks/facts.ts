// What the hooks and the validator read from the spec about each API (src/generated/<api>.operations.ts).
import type { YeastarApiName } from "@yeastar-openapi/client";
import { workplaceOperations } from "../generated/workplace.operations.js";
import { ycmOperations } from "../generated/ycm.operations.js";

export interface OperationFacts {
  readonly api: YeastarApiName;
  /** operationId by `METHOD /path` as the spec writes the path. */
  readonly operationIds: Readonly<Record<string, string>>;
  /** API keys the spec lets a client send in the query string (Workplace's `access_token`). */
  readonly secretQueryKeys: readonly string[];
  /** Fields the spec marks `format: password`. */
  readonly secretFields: readonly string[];
}

export const OPERATION_FACTS: Readonly<Record<YeastarApiName, OperationFacts>> = { YCM: ycmOperations, Workplace: workplaceOperations };

/** The spec's operationId of `METHOD /path` (the path template), or undefined for a path outside the spec. */
export function operationIdOf(api: YeastarApiName, method: string, path: string): string | undefined {
  const ids = OPERATION_FACTS[api].operationIds;
  const key = `${method.toUpperCase()} ${path}`;
  return Object.hasOwn(ids, key) ? ids[key] : undefined;
}
