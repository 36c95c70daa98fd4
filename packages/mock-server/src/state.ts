import type { Operation } from "@yeastar-openapi/spec-model";
import type { Dataset } from "./data.js";
import type { ApiErrors, ApiName, Reply } from "./envelopes.js";
import type { FaultDecision } from "./faults.js";
import type { TokenStore } from "./tokens.js";

export interface ClientCredentials {
  clientId: string;
  clientSecret: string;
}

/** The server's mutable state that behaviours read and change. */
export interface MockState {
  dataset: Dataset;
  tokens: Record<ApiName, TokenStore>;
  credentials: Record<ApiName, ClientCredentials>;
  /** Called once per token pair issued (grant or refresh). */
  onTokensIssued(api: ApiName): void;
}

/** One request, as a behaviour sees it. */
export interface CallContext {
  op: Operation;
  api: ApiName;
  query: URLSearchParams;
  pathParams: Record<string, string>;
  /** The form body; empty when the request had none. */
  form: URLSearchParams;
  /** The parsed JSON body; undefined when the request had none. */
  json: unknown;
  state: MockState;
  faults: FaultDecision;
  errors: ApiErrors;
}

export type Handler = (ctx: CallContext) => Reply;

/**
 * What an override sees: the call, plus the behaviour the spec alone gives the operation (`base`, which an
 * override may run on a changed context, e.g. once per item of a batch) and the operation's success answer
 * with data laid over it (`answer`), so an override adds state without restating routes, envelopes or lookups.
 */
export interface OverrideContext extends CallContext {
  base(ctx?: CallContext): Reply;
  answer(fills?: Array<[string[], unknown]>): Reply;
}

export type Override = (ctx: OverrideContext) => Reply;

/** Makes generated data consistent where an override family keeps it so (e.g. references between collections). */
export type OverrideSetup = (dataset: Dataset) => void;
