import type { Operation, SpecModel } from "@yeastar-openapi/spec-model";
import type { Dataset } from "./data.js";
import type { ApiErrors, ApiName, Reply } from "./envelopes.js";
import type { FaultDecision } from "./faults.js";
import type { TokenStore } from "./tokens.js";
import type { Emission } from "./webhooks/emitters.js";
import type { MeetingClock } from "./webhooks/meeting-clock.js";

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
  /** The mock's clock (Unix milliseconds): the `now` option, else `Date.now`. */
  now(): number;
  /** The event types each API was last told to send (Workplace `subscribeWorkplaceEvents`); absent until then. */
  subscriptions: Partial<Record<ApiName, string[]>>;
  /** Where the webhook events that calls cause go; absent or inactive when no webhook target is configured. */
  webhooks?: { readonly active: boolean; emit(emissions: readonly Emission[]): void; fail(operationId: string, error: unknown): void };
  /** The timers of Workplace's time-driven meeting events; absent when no Workplace callback URI is configured. */
  meetingClock?: MeetingClock;
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

/** The same, as a second argument: the API's spec model, the success answer, the derived behaviour. */
export interface OverrideBase {
  /** The API's spec model, to read operations and schemas instead of restating them. */
  model: SpecModel;
  /** The operation's success answer (its example, or one generated from its schema) with `fills` laid over it. */
  reply(fills?: Array<[string[], unknown]>): Reply;
  /** The behaviour the operation's shape implies (list, get, create, ...), when it has one. */
  derived: Handler | undefined;
}

/** Behaviour the spec cannot express, keyed by operationId. */
export type Override = (ctx: OverrideContext, base: OverrideBase) => Reply;

/** Makes generated data consistent where an override family keeps it so (e.g. references between collections). */
export type OverrideSetup = (dataset: Dataset) => void;

/** Runs once on generated data at start-up, e.g. to tie one collection's records to another's. */
export type Prepare = (state: MockState, models: Record<ApiName, SpecModel>) => void;
