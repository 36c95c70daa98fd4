// The one point where the transport lets observers in. Types only: shaping events, redacting
// them and keeping a throwing callback from breaking a call live in
// @yeastar-openapi/client/hooks (src/hooks/), so a client without hooks carries one check per
// attempt and nothing else (test/size.test.ts).
import type { YeastarApiName } from "./errors.js";
import type { Send } from "./transport.js";

/**
 * The `hooks` option: made by `createHooks()` or `loggerHooks()` of
 * `@yeastar-openapi/client/hooks`. The client calls it once with its API name, its `onWarning`
 * (where a callback that throws is reported) and its raw `send`, and sends through the `Send`
 * it returns: that sees each request and its end, and sets `onAttempt` on the call to see each
 * attempt. The raw requests carry the bearer token and the grants' secrets, which is why only
 * this package's own code implements it, redacting before any callback of the user's runs.
 */
export interface YeastarHooks {
  (api: YeastarApiName, onWarning: (message: string) => void, send: Send): Send;
  /** Marks a value made by createHooks(). */
  readonly yeastarHooks: true;
}
