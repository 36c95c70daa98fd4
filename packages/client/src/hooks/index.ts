// @yeastar-openapi/client/hooks: observability for the client, kept out of the core bundle.
// `createHooks({ request, response, retry, error })` or `loggerHooks(logger)` make the value of
// the client's `hooks` option; every event is redacted before a callback sees it.
export { createHooks } from "./create.js";
export { loggerHooks, logFields, logMessage, type HookLogger, type HookLogLevel, type LoggerHooksOptions } from "./logger.js";
export { REDACTED, SECRET_NAME, isSecretName, redact, redactQuery, redactUrl, KnownSecrets, type RedactOptions } from "./redact.js";
export type {
  CreateHooksOptions,
  YeastarErrorEvent,
  YeastarHookEvent,
  YeastarHookEventType,
  YeastarHookHandlers,
  YeastarRequestEvent,
  YeastarResponseEvent,
  YeastarRetryEvent,
} from "./events.js";
export type { YeastarHooks } from "@yeastar-openapi/client";
