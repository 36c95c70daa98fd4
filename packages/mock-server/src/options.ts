import type { JsonObject } from "@yeastar-openapi/spec-model";
import type { Dataset, DatasetOptions } from "./data.js";
import type { ApiName } from "./envelopes.js";
import type { Fault } from "./faults.js";
import type { ClientCredentials } from "./state.js";
import type { TokenLifetimes } from "./tokens.js";
import { resolveWebhookOptions, WEBHOOK_OPTION_NAMES, type ResolvedWebhookOptions, type WebhookOptions } from "./webhooks/options.js";

/** A value for both APIs, or one per API (the other keeps its default). */
export type PerApi<T> = T | { ycm?: T; workplace?: T };

export interface MockLogEvent {
  level: "info" | "warn" | "error";
  message: string;
  operationId?: string;
  method?: string;
  /** The path only: query strings can carry Workplace's access_token and are never logged. */
  path?: string;
  status?: number;
  durationMs?: number;
}

/** The webhook options (`ycmWebhooks`, `workplaceCallbackUri`, `webhookTimeoutMs`, `webhookRetryDelaysMs`) are in webhooks/options.ts. */
export interface MockServerOptions extends WebhookOptions {
  /** Interface to listen on. Default `127.0.0.1`. */
  host?: string;
  /** Port; `0` (the default) picks a free one. */
  port?: number;
  /** Seed of the generated data. Default 1. */
  seed?: number;
  /** Records in every generated collection. Default 50. */
  collectionSize?: number;
  /** Records of some collections, by name (the list's item schema), e.g. `{ YcmUser: 137 }`. */
  collections?: Record<string, number>;
  /** Shorthand for `collections.YcmUser` (YCM users in the v2 list). */
  ycmUsers?: number;
  /** Shorthand for `collections.YcmSubordinate`. */
  ycmSubordinates?: number;
  /** Shorthand for `collections.WorkplaceUser`. */
  workplaceUsers?: number;
  /**
   * The descriptions to serve, per API: a bundled JSON file or the document itself. Default: the bundles of
   * `@yeastar-openapi/spec`. The mock serves whatever operations they hold.
   */
  specs?: Partial<Record<ApiName, string | JsonObject>>;
  /** Use this data instead of generating it (e.g. a `createDataset()` result you altered). Excludes seed and the counts. */
  dataset?: Dataset;
  /** Access-token lifetime. Defaults: YCM 30 minutes, Workplace 24 hours. */
  accessTokenTtlMs?: PerApi<number>;
  /** Refresh-token lifetime. Defaults: YCM 15 days, Workplace 24 hours. */
  refreshTokenTtlMs?: PerApi<number>;
  /** Client credentials the token endpoints accept. */
  credentials?: { ycm?: Partial<ClientCredentials>; workplace?: Partial<ClientCredentials> };
  /** Delay added to every response, in milliseconds. Default 0. */
  latencyMs?: number;
  /** Faults active from the start (same as calling `inject` for each). */
  faults?: Fault[];
  /** Validate requests and the mock's own responses against the bundled spec. Default true. */
  validate?: boolean;
  /** Receives one event per request and every problem; never sees secrets or tokens. */
  onLog?: (event: MockLogEvent) => void;
  /**
   * The mock's clock for meeting times and states (Unix milliseconds), e.g. `() => t` with a `t` the test moves.
   * Default `Date.now`. Token lifetimes keep the real clock.
   */
  now?: () => number;
}

export interface ResolvedOptions {
  host: string;
  port: number;
  /** The data given, or how to generate it. */
  dataset: Dataset | undefined;
  datasetOptions: DatasetOptions;
  specs: Partial<Record<ApiName, string | JsonObject>>;
  lifetimes: Record<ApiName, TokenLifetimes>;
  credentials: Record<ApiName, ClientCredentials>;
  latencyMs: number;
  faults: Fault[];
  validate: boolean;
  onLog: ((event: MockLogEvent) => void) | undefined;
  now: () => number;
  webhooks: ResolvedWebhookOptions;
}

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

export const DEFAULT_LIFETIMES: Readonly<Record<ApiName, TokenLifetimes>> = {
  ycm: { accessTokenTtlMs: 30 * MINUTE, refreshTokenTtlMs: 15 * DAY },
  workplace: { accessTokenTtlMs: 24 * HOUR, refreshTokenTtlMs: 24 * HOUR },
};

/** Fixtures, not secrets: they only open this mock. */
export const DEFAULT_CREDENTIALS: Readonly<Record<ApiName, ClientCredentials>> = {
  ycm: { clientId: "mock-ycm-client", clientSecret: "mock-ycm-secret" },
  workplace: { clientId: "mock-workplace-client", clientSecret: "mock-workplace-secret" },
};

const KNOWN_OPTIONS = [
  "host", "port", "seed", "collectionSize", "collections", "ycmUsers", "ycmSubordinates", "workplaceUsers", "specs", "dataset", "accessTokenTtlMs",
  "refreshTokenTtlMs", "credentials", "latencyMs", "faults", "validate", "onLog",
  "now",
  ...WEBHOOK_OPTION_NAMES,
] as const satisfies ReadonlyArray<keyof MockServerOptions>;

const APIS: readonly ApiName[] = ["ycm", "workplace"];

export function resolveOptions(input: MockServerOptions = {}): ResolvedOptions {
  if (typeof input !== "object" || input === null) throw new TypeError("startMockServer options must be an object");
  for (const key of Object.keys(input)) {
    if (!(KNOWN_OPTIONS as readonly string[]).includes(key)) {
      throw new TypeError(`Unknown mock server option "${key}". Known options: ${KNOWN_OPTIONS.join(", ")}.`);
    }
  }
  const o = input;
  const host = o.host ?? "127.0.0.1";
  if (typeof host !== "string" || host === "") throw new TypeError("Option host must be a non-empty string");
  const port = o.port ?? 0;
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new TypeError(`Option port must be an integer from 0 to 65535, got ${String(port)}`);
  const latencyMs = o.latencyMs ?? 0;
  if (!Number.isInteger(latencyMs) || latencyMs < 0) throw new TypeError(`Option latencyMs must be a non-negative integer, got ${String(latencyMs)}`);
  if (o.validate !== undefined && typeof o.validate !== "boolean") throw new TypeError("Option validate must be a boolean");
  if (o.onLog !== undefined && typeof o.onLog !== "function") throw new TypeError("Option onLog must be a function");
  if (o.now !== undefined && typeof o.now !== "function") throw new TypeError("Option now must be a function returning Unix milliseconds");
  if (o.faults !== undefined && !Array.isArray(o.faults)) throw new TypeError("Option faults must be an array of faults");

  const shaping = (["seed", "collectionSize", "collections", ...SHORTHAND_KEYS] as const).filter((k) => o[k] !== undefined);
  if (o.dataset !== undefined && shaping.length) {
    throw new TypeError(`Option dataset cannot be combined with ${shaping.join(", ")} (they only shape generated data)`);
  }
  if (o.dataset !== undefined && (typeof o.dataset !== "object" || o.dataset === null || typeof o.dataset.collections !== "object")) {
    throw new TypeError("Option dataset must be a Dataset (from createDataset())");
  }
  const sizes: Record<string, number> = { ...(o.collections ?? {}) };
  for (const key of SHORTHAND_KEYS) if (o[key] !== undefined) sizes[COUNT_SHORTHANDS[key]] = o[key];
  for (const [name, n] of Object.entries(sizes)) count(n, name in COUNT_BY_NAME ? COUNT_BY_NAME[name]! : `collections.${name}`);
  const datasetOptions: DatasetOptions = {
    ...(o.seed !== undefined ? { seed: count(o.seed, "seed", 0xffffffff) } : {}),
    ...(o.collectionSize !== undefined ? { size: count(o.collectionSize, "collectionSize") } : {}),
    ...(Object.keys(sizes).length ? { sizes } : {}),
  };
  const specs = o.specs ?? {};
  for (const key of Object.keys(specs)) {
    if (!APIS.includes(key as ApiName)) throw new TypeError(`Option specs has an unknown key "${key}" (use ycm and/or workplace)`);
  }

  const access = perApi(o.accessTokenTtlMs, "accessTokenTtlMs");
  const refresh = perApi(o.refreshTokenTtlMs, "refreshTokenTtlMs");
  const lifetimes = {} as Record<ApiName, TokenLifetimes>;
  const credentials = {} as Record<ApiName, ClientCredentials>;
  const given = o.credentials ?? {};
  if (typeof given !== "object" || given === null) throw new TypeError("Option credentials must be an object");
  for (const key of Object.keys(given)) {
    if (!APIS.includes(key as ApiName)) throw new TypeError(`Option credentials has an unknown key "${key}" (use ycm and/or workplace)`);
  }
  for (const api of APIS) {
    lifetimes[api] = {
      accessTokenTtlMs: access[api] ?? DEFAULT_LIFETIMES[api].accessTokenTtlMs,
      refreshTokenTtlMs: refresh[api] ?? DEFAULT_LIFETIMES[api].refreshTokenTtlMs,
    };
    const c = given[api] ?? {};
    for (const key of Object.keys(c)) {
      if (key !== "clientId" && key !== "clientSecret") throw new TypeError(`Option credentials.${api} has an unknown key "${key}"`);
    }
    credentials[api] = {
      clientId: nonEmpty(c.clientId ?? DEFAULT_CREDENTIALS[api].clientId, `credentials.${api}.clientId`),
      clientSecret: nonEmpty(c.clientSecret ?? DEFAULT_CREDENTIALS[api].clientSecret, `credentials.${api}.clientSecret`),
    };
  }

  return {
    host,
    port,
    dataset: o.dataset,
    datasetOptions,
    specs,
    lifetimes,
    credentials,
    latencyMs,
    faults: o.faults ?? [],
    validate: o.validate ?? true,
    onLog: o.onLog,
    now: o.now ?? Date.now,
    webhooks: resolveWebhookOptions(o),
  };
}

function perApi(value: PerApi<number> | undefined, name: string): Partial<Record<ApiName, number>> {
  if (value === undefined) return {};
  if (typeof value === "number") return { ycm: ttl(value, name), workplace: ttl(value, name) };
  if (typeof value !== "object" || value === null) throw new TypeError(`Option ${name} must be a number or { ycm?, workplace? }`);
  const out: Partial<Record<ApiName, number>> = {};
  for (const [key, v] of Object.entries(value)) {
    if (!APIS.includes(key as ApiName)) throw new TypeError(`Option ${name} has an unknown key "${key}" (use ycm and/or workplace)`);
    if (v !== undefined) out[key as ApiName] = ttl(v as number, `${name}.${key}`);
  }
  return out;
}

function ttl(value: number, name: string): number {
  if (typeof value !== "number" || !Number.isFinite(value) || value <= 0) throw new TypeError(`Option ${name} must be a positive number of milliseconds, got ${String(value)}`);
  return value;
}

function nonEmpty(value: unknown, name: string): string {
  if (typeof value !== "string" || value === "") throw new TypeError(`Option ${name} must be a non-empty string`);
  return value;
}

/** The old per-collection count options, kept as shorthands for `collections`. */
const COUNT_SHORTHANDS = { ycmUsers: "YcmUser", ycmSubordinates: "YcmSubordinate", workplaceUsers: "WorkplaceUser" } as const;
const SHORTHAND_KEYS = Object.keys(COUNT_SHORTHANDS) as Array<keyof typeof COUNT_SHORTHANDS>;
const COUNT_BY_NAME: Record<string, string> = Object.fromEntries(Object.entries(COUNT_SHORTHANDS).map(([k, v]) => [v, k]));

function count(value: unknown, name: string, max = 1_000_000): number {
  if (typeof value !== "number" || !Number.isInteger(value) || value < 0 || value > max) {
    throw new TypeError(`Option ${name} must be an integer from 0 to ${max}, got ${String(value)}`);
  }
  return value;
}
