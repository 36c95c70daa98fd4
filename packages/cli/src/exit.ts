// The exit codes scripts can rely on, and the one place an error becomes a message on stderr.
// Messages come from the client's errors, which never carry a token or secret; the CLI adds only
// the vendor code and requestId (to quote to Yeastar support).
import {
  YeastarApiError,
  YeastarConnectionError,
  YeastarError,
  YeastarInvalidRequestError,
} from "@yeastar-openapi/client";

export const EXIT = {
  ok: 0,
  /** The API answered with an error (or something the client refuses to use). */
  api: 1,
  /** The command line was wrong: unknown command or flag, bad value, a body the spec refuses. */
  usage: 2,
  /** No usable answer: refused or dropped connection, timeout. */
  network: 3,
} as const;

/** A mistake on the command line, found before anything is sent. */
export class UsageError extends Error {
  override readonly name = "UsageError";
}

export interface ErrorReport {
  code: number;
  lines: string[];
}

/**
 * The error that says what happened: a plain YeastarError that only wraps another one (the token
 * store's "renew() failed" around the token request's connection error) is reported as the
 * wrapped error, so a refused connection is still exit 3 and an API refusal exit 1.
 */
function underlying(error: unknown): unknown {
  let current = error;
  while (current instanceof YeastarError && current.constructor === YeastarError && current.cause instanceof YeastarError) current = current.cause;
  return current;
}

/** The exit code and the stderr lines for anything a command threw. */
export function report(thrown: unknown): ErrorReport {
  const error = underlying(thrown);
  if (error instanceof UsageError) return { code: EXIT.usage, lines: [`yeastar: ${error.message}`] };
  if (error instanceof YeastarInvalidRequestError) return { code: EXIT.usage, lines: [`yeastar: ${error.message}`] };
  if (error instanceof YeastarApiError) {
    const lines = [`yeastar: ${error.message}`];
    if (error.code !== undefined) lines.push(`code: ${String(error.code)}${error.codeName ? ` ${error.codeName}` : ""}`);
    if (error.detail) lines.push(`detail: ${error.detail}`);
    if (error.requestId) lines.push(`requestId: ${error.requestId}`);
    return { code: EXIT.api, lines };
  }
  // Timeouts are connection errors too (YeastarTimeoutError extends YeastarConnectionError).
  if (error instanceof YeastarConnectionError) return { code: EXIT.network, lines: [`yeastar: ${error.message}`] };
  if (error instanceof YeastarError) return { code: EXIT.api, lines: [`yeastar: ${error.message}`] };
  // Anything else is a bug or the system's refusal (a file that cannot be read): say what, without a stack.
  const message = error instanceof Error ? error.message : String(error);
  return { code: EXIT.api, lines: [`yeastar: ${message}`] };
}
