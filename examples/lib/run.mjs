// How every example ends: a typed client error or a bad argument becomes one readable line on
// stderr and a non-zero exit status, never a stack trace. Messages never hold a token or secret:
// the client builds its errors without them.
import { YeastarError } from "@yeastar-openapi/client";

/** A wrong command line or environment: the message says what to do instead. */
export class UsageError extends Error {
  /** @override */
  name = "UsageError";
}

/** Exit status for a usage error (as most command-line tools do). */
export const USAGE_EXIT = 2;

/**
 * Runs an example's main function with its command-line arguments.
 * @param {(args: string[]) => Promise<void>} main
 */
export async function run(main) {
  try {
    await main(process.argv.slice(2));
  } catch (error) {
    if (error instanceof UsageError) {
      console.error(error.message);
      process.exitCode = USAGE_EXIT;
    } else if (error instanceof YeastarError) {
      // YeastarApiError, YeastarConnectionError, YeastarTimeoutError, ...: the message names the
      // request, the HTTP status, the vendor's code and message, and the requestId to quote.
      console.error(`${error.name}: ${error.message}`);
      process.exitCode = 1;
    } else {
      console.error(error instanceof Error ? `${error.name}: ${error.message}` : String(error));
      process.exitCode = 1;
    }
  }
}
