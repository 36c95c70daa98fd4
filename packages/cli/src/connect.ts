// The client a command calls through: tokens, retries, timeouts, paging and errors are the
// client's. This file decides only whose account (credentials.ts), the mock (--mock), and what the
// client's fetch does besides fetching: log each request (--verbose) or print it instead of
// sending it (--dry-run). Neither ever prints a credential: the Authorization header is shown
// redacted, a query parameter or form field named like a credential too, and --verbose shows no
// bodies at all.
import { createWorkplaceClient, createYcmClient, type YeastarClientOptions } from "@yeastar-openapi/client";
import type { SpecModel } from "@yeastar-openapi/spec-model";
import { resolveTarget, type Target, type TargetOptions } from "./credentials.js";
import { REDACTED, isSecretName, redact, redactQuery, redactUrl } from "@yeastar-openapi/client/hooks";
import type { ApiName } from "./profiles.js";
import { tokenCachePath, tokenStoreFor } from "./token-cache.js";
import { VERSION } from "./version.js";

export interface ConnectOptions extends TargetOptions {
  mock?: boolean | undefined;
  dryRun?: boolean | undefined;
  verbose?: boolean | undefined;
  timeoutMs?: number | undefined;
}

export interface Io {
  stdout: NodeJS.WritableStream & { isTTY?: boolean };
  stderr: NodeJS.WriteStream;
  stdin: NodeJS.ReadableStream;
  env: NodeJS.ProcessEnv;
}

export interface Connection {
  // The client is used with paths read from the spec at run time, so its compile-time path types do not apply.
  client: any;
  close(): Promise<void>;
  /** With --dry-run: whether the request was printed (the client then reports a failed send). */
  dryRunPrinted(): boolean;
}

export const USER_AGENT = `yeastar-cli/${VERSION}`;


export async function connect(model: SpecModel, options: ConnectOptions, io: Io): Promise<Connection> {
  const api = model.api as ApiName;
  const log = (line: string) => io.stderr.write(`${line}\n`);
  const base: YeastarClientOptions = { userAgent: USER_AGENT, onWarning: (message) => log(`yeastar: warning: ${message}`) };
  if (options.timeoutMs !== undefined) base.timeoutMs = options.timeoutMs;
  const create = (o: YeastarClientOptions) => (api === "ycm" ? createYcmClient(o) : createWorkplaceClient(o));

  if (options.dryRun) {
    // No credentials are needed to show a request: a stand-in token, shown redacted anyway.
    let printed = false;
    const fetch = async (request: Request): Promise<Response> => {
      printed = true;
      io.stdout.write(await describeRequest(request));
      throw new Error("dry run: not sent");
    };
    let baseUrl: string | undefined;
    try {
      baseUrl = options.mock ? "http://127.0.0.1:4010" : resolveTarget(model, options, io.env, log).baseUrl;
    } catch {
      // Without credentials the dry run still shows the request, to the spec's host or --base-url.
      baseUrl = options.baseUrl;
    }
    const client = create({ ...base, ...(baseUrl && { baseUrl }), accessToken: "dry-run", fetch, maxRetries: 0 });
    return { client, close: async () => {}, dryRunPrinted: () => printed };
  }

  const fetch = options.verbose ? verboseFetch(log) : undefined;
  if (options.mock) {
    const { startMockServer } = await import("@yeastar-openapi/mock-server");
    const mock = await startMockServer({});
    if (options.verbose) log(`yeastar: --mock: a local mock server at ${mock.url} (demo data; it stops with this command)`);
    const client = create({ ...base, ...(fetch && { fetch }), baseUrl: mock.url, ...mock.credentials[api] });
    return { client, close: () => mock.close(), dryRunPrinted: () => false };
  }

  const target: Target = resolveTarget(model, options, io.env, log);
  const baseUrl = target.baseUrl ?? model.defaultServerUrl;
  if (options.verbose) log(`yeastar: ${api} at ${baseUrl}, credentials from ${target.source}`);
  const auth: YeastarClientOptions =
    "accessToken" in target.auth
      ? { accessToken: target.auth.accessToken }
      : { ...target.auth, tokenStore: tokenStoreFor(tokenCachePath(io.env, api, baseUrl, target.auth.clientId)) };
  const client = create({ ...base, ...(fetch && { fetch }), baseUrl, ...auth });
  return { client, close: async () => {}, dryRunPrinted: () => false };
}


/** Logs each request's method, URL (redacted), status and time on stderr; never headers or bodies. */
function verboseFetch(log: (line: string) => void) {
  return async (request: Request): Promise<Response> => {
    const started = performance.now();
    log(`> ${request.method} ${redactUrl(request.url)}`);
    try {
      const response = await globalThis.fetch(request);
      log(`< ${response.status} ${request.method} ${new URL(request.url).pathname} (${Math.round(performance.now() - started)} ms)`);
      return response;
    } catch (error) {
      log(`< ${request.method} ${new URL(request.url).pathname} failed after ${Math.round(performance.now() - started)} ms`);
      throw error;
    }
  };
}

/** The request as --dry-run prints it: request line, headers, body; credentials redacted. */
async function describeRequest(request: Request): Promise<string> {
  const lines = [`${request.method} ${redactUrl(request.url)}`];
  for (const [name, value] of request.headers) {
    lines.push(`${name}: ${name === "authorization" ? `${value.split(" ")[0]} ${REDACTED}` : isSecretName(name) ? REDACTED : value}`);
  }
  const text = request.body ? await request.text() : "";
  if (text) {
    lines.push("");
    const type = request.headers.get("content-type") ?? "";
    if (type.includes("application/x-www-form-urlencoded")) {
      lines.push(redactQuery(new URLSearchParams(text)).slice(1));
    } else {
      try {
        lines.push(JSON.stringify(redact(JSON.parse(text)), null, 2));
      } catch {
        lines.push(`(${text.length} characters, not JSON)`);
      }
    }
  }
  return `${lines.join("\n")}\n`;
}
