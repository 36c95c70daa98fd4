import type { ApiName } from "./envelopes.js";

/** Counters tests read to check what a client did (how many calls, how many token grants). */

export interface MockStats {
  /** Requests per operationId (every request that matched an operation, faulted or not). */
  readonly requests: Record<string, number>;
  /** Requests that matched no operation. */
  unmatchedRequests: number;
  /** Token pairs issued per API (grants and refreshes). */
  readonly tokensIssued: Record<ApiName, number>;
  /** Sets every counter back to zero. */
  reset(): void;
}

export function createStats(operationIds: string[]): MockStats {
  const stats: MockStats = {
    requests: {},
    unmatchedRequests: 0,
    tokensIssued: { ycm: 0, workplace: 0 },
    reset() {
      for (const id of operationIds) stats.requests[id] = 0;
      stats.unmatchedRequests = 0;
      stats.tokensIssued.ycm = 0;
      stats.tokensIssued.workplace = 0;
    },
  };
  stats.reset();
  return stats;
}
