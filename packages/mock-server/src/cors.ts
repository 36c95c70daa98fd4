import type { IncomingMessage, ServerResponse } from "node:http";

/**
 * CORS for browser apps on the developer's own machine (a Vite or Next.js dev server on another
 * port): requests from a local origin (`http(s)://localhost`, `127.0.0.1` or `[::1]`, any port)
 * may read the mock's answers, and their preflights are answered. Other origins get no CORS
 * headers and a 403 preflight: the mock hands out working tokens for its demo credentials, and a
 * page from anywhere on the web that a developer happens to open must not be able to use it.
 * (Yeastar's own APIs are not meant to be called from browsers; this is the mock's choice.)
 */
const LOCAL_ORIGIN = /^https?:\/\/(localhost|127\.0\.0\.1|\[::1\])(:\d{1,5})?$/;

// What the client sends: the bearer token, YCM's mandatory User-Agent (browsers do not let a
// page set it, but a preflight may still name it), JSON or form bodies.
const ALLOWED_HEADERS = "authorization, content-type, user-agent";
const ALLOWED_METHODS = "GET, POST, PUT, DELETE, PATCH";

/** Whether an Origin header names a page served from this machine. */
export const isLocalOrigin = (origin: string): boolean => LOCAL_ORIGIN.test(origin);

/**
 * Adds the CORS headers a local origin needs to `res`, and answers a preflight itself.
 * Returns true when the request has been answered (a preflight), false when it goes on.
 */
export function applyCors(req: IncomingMessage, res: ServerResponse): boolean {
  const origin = req.headers.origin;
  const preflight = req.method === "OPTIONS" && req.headers["access-control-request-method"] !== undefined;
  if (origin === undefined) return false;
  const local = isLocalOrigin(origin);
  res.setHeader("vary", "Origin");
  if (local) res.setHeader("access-control-allow-origin", origin);
  if (!preflight) return false;
  if (!local) {
    res.writeHead(403, { "content-type": "text/plain; charset=utf-8" });
    res.end(`CORS: the mock server answers browser pages served from this machine only (localhost, 127.0.0.1, [::1]), not ${origin}.\n`);
    return true;
  }
  res.writeHead(204, {
    "access-control-allow-methods": ALLOWED_METHODS,
    "access-control-allow-headers": ALLOWED_HEADERS,
    "access-control-max-age": "600",
  });
  res.end();
  return true;
}
