// loggerHooks(): the hooks written to a pino-like or console-like logger, one line per event,
// as `logger[level](fields, message)`: pino reads the object as the line's fields, console
// prints both.
import type { YeastarHooks } from "@yeastar-openapi/client";
import { createHooks } from "./create.js";
import type { YeastarHookEvent, YeastarHookEventType } from "./events.js";

export type HookLogLevel = "trace" | "debug" | "info" | "warn" | "error";

/** What loggerHooks() needs of a logger: pino, bunyan, winston's and console's methods fit. */
export type HookLogger = Partial<Record<HookLogLevel, (...args: any[]) => unknown>> & { info(...args: any[]): unknown };

export interface LoggerHooksOptions {
  /** The level of each event type, or false to leave it out (default: request debug, response debug, retry warn, error error). */
  levels?: Partial<Record<YeastarHookEventType, HookLogLevel | false>>;
  /** Add the redacted request and response bodies to the fields (default false). */
  includeBodies?: boolean;
}

const DEFAULT_LEVELS: Record<YeastarHookEventType, HookLogLevel | false> = { request: "debug", response: "debug", retry: "warn", error: "error" };
const LEVELS: readonly HookLogLevel[] = ["trace", "debug", "info", "warn", "error"];

/** The fields of a log line: plain, JSON-safe values; an error as its `toJSON()` (never its body or headers). */
export function logFields(event: YeastarHookEvent): Record<string, unknown> {
  const { type, api, requestNumber, operationId, method, path, url, attempt } = event;
  const fields: Record<string, unknown> = { event: type, api, requestNumber, operationId, method, path, url, attempt };
  if (event.type !== "request") {
    fields.status = event.status;
    fields.durationMs = event.durationMs === undefined ? undefined : Math.round(event.durationMs * 10) / 10;
    fields.requestId = event.requestId;
  }
  if (event.type === "retry") fields.delayMs = Math.round(event.delayMs);
  if (event.type === "retry" || event.type === "error") fields.error = errorFields(event.error);
  if (event.type === "request" && event.requestBody !== undefined) fields.requestBody = event.requestBody;
  if (event.type === "response" && event.responseBody !== undefined) fields.responseBody = event.responseBody;
  for (const key of Object.keys(fields)) if (fields[key] === undefined) delete fields[key];
  return fields;
}

/** One line a person reads: `YCM listYcmUsers GET /dm/open_api/v2/users: 200 in 12.3 ms (attempt 1)`. */
export function logMessage(event: YeastarHookEvent): string {
  const name = `${event.api} ${event.operationId ?? "(not in the spec)"} ${event.method} ${event.path}`;
  const id = event.type !== "request" && event.requestId ? `, requestId ${event.requestId}` : "";
  switch (event.type) {
    case "request":
      return `${name}: attempt ${event.attempt}`;
    case "response":
      return `${name}: ${event.status} in ${event.durationMs.toFixed(1)} ms (attempt ${event.attempt}${id})`;
    case "retry":
      return `${name}: attempt ${event.attempt} failed (${errorName(event.error)}${event.status ? ` ${event.status}` : ""}${id}); attempt ${event.attempt + 1} after ${Math.round(event.delayMs)} ms`;
    case "error":
      return `${name}: failed (${errorName(event.error)}${event.status ? ` ${event.status}` : ""}${id}) after ${event.attempt} attempt${event.attempt === 1 ? "" : "s"}`;
  }
}

/**
 * The `hooks` option as log lines: `createYcmClient({ ..., hooks: loggerHooks(pino()) })` or
 * `loggerHooks(console)`. A logger without the level's method writes that line with `info`.
 */
export function loggerHooks(logger: HookLogger, options: LoggerHooksOptions = {}): YeastarHooks {
  if (typeof logger?.info !== "function") throw new TypeError("loggerHooks: the logger needs at least an info() method (pino, console, ...)");
  const levels = { ...DEFAULT_LEVELS, ...options.levels };
  for (const [type, level] of Object.entries(levels)) {
    if (!(type in DEFAULT_LEVELS)) throw new TypeError(`loggerHooks: unknown event type "${type}" in levels; the types are ${Object.keys(DEFAULT_LEVELS).join(", ")}`);
    if (level !== false && !LEVELS.includes(level)) throw new TypeError(`loggerHooks: levels.${type} must be one of ${LEVELS.join(", ")} or false`);
  }
  const write = (event: YeastarHookEvent) => {
    const level = levels[event.type];
    if (level === false) return;
    const method = logger[level] ?? logger.info;
    method.call(logger, logFields(event), logMessage(event));
  };
  return createHooks({ onEvent: write }, { includeBodies: options.includeBodies === true });
}

function errorFields(error: unknown): unknown {
  const toJSON = (error as { toJSON?: () => unknown } | undefined)?.toJSON;
  if (typeof toJSON === "function") return toJSON.call(error);
  return error instanceof Error ? { name: error.name, message: error.message } : { name: typeof error };
}

function errorName(error: unknown): string {
  const { name, code } = (error ?? {}) as { name?: unknown; code?: unknown };
  return `${typeof name === "string" ? name : typeof error}${code !== undefined && code !== null ? ` ${String(code)}` : ""}`;
}
