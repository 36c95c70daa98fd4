import type { Dataset } from "../data.js";
import type { ApiName, Reply } from "../envelopes.js";
import type { FaultDecision } from "../faults.js";
import { paginate, type Page } from "../listing.js";
import type { TokenStore } from "../tokens.js";

export interface ClientCredentials {
  clientId: string;
  clientSecret: string;
}

/** The server's mutable state that routes read and change. */
export interface MockState {
  dataset: Dataset;
  tokens: Record<ApiName, TokenStore>;
  credentials: Record<ApiName, ClientCredentials>;
  /** Called once per token pair issued (grant or refresh). */
  onTokensIssued(api: ApiName): void;
}

export interface RouteContext {
  query: URLSearchParams;
  pathParams: Record<string, string>;
  /** The form body; empty when the request had none. */
  form: URLSearchParams;
  state: MockState;
  faults: FaultDecision;
}

export interface Route {
  api: ApiName;
  method: "GET" | "POST" | "PUT" | "DELETE";
  /** OpenAPI path template, e.g. `/dm/open_api/v1/users/{userId}`. */
  path: string;
  operationId: string;
  /** Whether the request must carry a valid access token. */
  auth: boolean;
  /** List operations: the ones paging faults act on. */
  paged: boolean;
  handle(ctx: RouteContext): Reply;
}

/** Pages a collection, then lets the paging faults misbehave on top of the honest answer. */
export function pageWithFaults<T>(items: readonly T[], pageSize: number, pageNumber: number, faults: FaultDecision): Page<T> {
  const page = paginate(items, pageSize, faults.repeatPage ? 1 : pageNumber);
  return faults.growingTotal ? { ...page, total: page.total + faults.growingTotal } : page;
}
