import { readFileSync } from "node:fs";
import { parseArgs } from "node:util";
import type { MockServerOptions } from "./options.js";
import type { MockServer } from "./server.js";
import { shownUrl } from "./webhooks/options.js";

/** Command-line parsing and the start-up banner, kept apart from cli.ts so they can be tested in-process. */

export const CLI_DEFAULT_PORT = 4010;

export const CLI_USAGE = `Usage: yeastar-mock-server [options]

Serves mock YCM and Yeastar Workplace APIs on one port.

Options:
  --port <n>              Port to listen on (default ${CLI_DEFAULT_PORT}; 0 picks a free port)
  --host <host>           Interface to listen on (default 127.0.0.1)
  --seed <n>              Seed of the generated data (default 1)
  --collection-size <n>   Records in every generated collection (default 50)
  --ycm-users <n>         Number of YCM users (default: the collection size)
  --ycm-subordinates <n>  Number of YCM subordinate users (default: the collection size)
  --workplace-users <n>   Number of Workplace users (default: the collection size)
  --latency <ms>          Delay added to every response (default 0)
  --token-ttl <ms>        Access-token lifetime for both APIs, in milliseconds
                          (default: YCM 30 minutes, Workplace 24 hours)
  --no-validate           Do not validate against the bundled spec
  --ycm-webhook <url>     A YCM webhook target (repeat for up to 5); needs --ycm-webhook-secret-file
  --ycm-webhook-secret-file <path>
                          The webhooks' 32-character secrets, one per line, in the order of
                          --ycm-webhook (the mock never prints a secret)
  --workplace-callback <uri>
                          Workplace's callback URI; events go there once subscribed to
                          (POST /services/openapi/v1.0/integration/subscribe)
  --webhook-timeout <ms>  How long a delivery waits for an answer (default 60000)
  --webhook-retry-delays <ms,ms,ms>
                          Waits before Workplace's retries (default 10000,60000,300000)
  --webhook-test          Send WEBHOOK_TEST to the Workplace callback once listening
  -h, --help              Show this help
`;

export type CliCommand = { help: true } | { help: false; options: MockServerOptions; sendWebhookTest?: true };

export function parseCliArgs(argv: readonly string[]): CliCommand {
  // `pnpm mock -- --port 0` passes the separator through; it separates nothing here.
  const args = argv[0] === "--" ? argv.slice(1) : [...argv];
  const { values } = parseArgs({
    args,
    strict: true,
    allowPositionals: false,
    options: {
      port: { type: "string" },
      host: { type: "string" },
      seed: { type: "string" },
      "collection-size": { type: "string" },
      "ycm-users": { type: "string" },
      "ycm-subordinates": { type: "string" },
      "workplace-users": { type: "string" },
      latency: { type: "string" },
      "token-ttl": { type: "string" },
      "no-validate": { type: "boolean" },
      "ycm-webhook": { type: "string", multiple: true },
      "ycm-webhook-secret-file": { type: "string" },
      "workplace-callback": { type: "string" },
      "webhook-timeout": { type: "string" },
      "webhook-retry-delays": { type: "string" },
      "webhook-test": { type: "boolean" },
      help: { type: "boolean", short: "h" },
    },
  });
  if (values.help) return { help: true };
  const int = (flag: string, raw: string | undefined): number | undefined => {
    if (raw === undefined) return undefined;
    if (!/^\d+$/.test(raw)) throw new Error(`--${flag} must be a non-negative integer, got "${raw}"`);
    return Number(raw);
  };
  const options: MockServerOptions = { port: int("port", values.port) ?? CLI_DEFAULT_PORT };
  if (values.host !== undefined) options.host = values.host;
  const seed = int("seed", values.seed);
  if (seed !== undefined) options.seed = seed;
  const size = int("collection-size", values["collection-size"]);
  if (size !== undefined) options.collectionSize = size;
  const ycmUsers = int("ycm-users", values["ycm-users"]);
  if (ycmUsers !== undefined) options.ycmUsers = ycmUsers;
  const subordinates = int("ycm-subordinates", values["ycm-subordinates"]);
  if (subordinates !== undefined) options.ycmSubordinates = subordinates;
  const workplaceUsers = int("workplace-users", values["workplace-users"]);
  if (workplaceUsers !== undefined) options.workplaceUsers = workplaceUsers;
  const latency = int("latency", values.latency);
  if (latency !== undefined) options.latencyMs = latency;
  const ttl = int("token-ttl", values["token-ttl"]);
  if (ttl !== undefined) options.accessTokenTtlMs = ttl;
  if (values["no-validate"]) options.validate = false;
  const webhooks = values["ycm-webhook"] ?? [];
  const secretFile = values["ycm-webhook-secret-file"];
  if (webhooks.length && secretFile === undefined) {
    throw new Error("--ycm-webhook needs --ycm-webhook-secret-file: a file with each webhook's 32-character secret on its own line (the mock never prints a secret, so it cannot generate one for you here)");
  }
  if (secretFile !== undefined) {
    if (!webhooks.length) throw new Error("--ycm-webhook-secret-file is given without any --ycm-webhook");
    const secrets = readSecrets(secretFile);
    if (secrets.length !== webhooks.length) {
      throw new Error(`--ycm-webhook-secret-file has ${secrets.length} secret line(s) for ${webhooks.length} --ycm-webhook; give one line per webhook, in the same order`);
    }
    options.ycmWebhooks = webhooks.map((url, i) => ({ url, secret: secrets[i]! }));
  }
  if (values["workplace-callback"] !== undefined) options.workplaceCallbackUri = values["workplace-callback"];
  const timeout = int("webhook-timeout", values["webhook-timeout"]);
  if (timeout !== undefined) options.webhookTimeoutMs = timeout;
  const delays = values["webhook-retry-delays"];
  if (delays !== undefined) {
    if (!/^(\d+(,\d+)*)?$/.test(delays)) throw new Error(`--webhook-retry-delays must be milliseconds separated by commas (e.g. 10000,60000,300000), got "${delays}"`);
    options.webhookRetryDelaysMs = delays === "" ? [] : delays.split(",").map(Number);
  }
  if (values["webhook-test"]) {
    if (options.workplaceCallbackUri === undefined) throw new Error("--webhook-test needs --workplace-callback (WEBHOOK_TEST goes to the Workplace callback URI)");
    return { help: false, options, sendWebhookTest: true };
  }
  return { help: false, options };
}

/** One secret per non-empty line (surrounding spaces and a Windows line end ignored); errors never quote the file. */
function readSecrets(path: string): string[] {
  let text: string;
  try {
    text = readFileSync(path, "utf8");
  } catch (error) {
    throw new Error(`--ycm-webhook-secret-file cannot be read: ${(error as NodeJS.ErrnoException).code ?? "error"}`);
  }
  return text
    .split("\n")
    .map((line) => line.trim())
    .filter((line) => line !== "");
}

/** The client secrets printed here are the mock's fixtures: they open nothing but this mock. */
export function formatBanner(server: MockServer): string {
  const { ycm, workplace } = server.credentials;
  return [
    `Yeastar mock server listening on ${server.url}`,
    `  YCM:       ${server.url}/dm/open_api/...        client_id=${ycm.clientId} client_secret=${ycm.clientSecret}`,
    `  Workplace: ${server.url}/services/openapi/...   client_id=${workplace.clientId} client_secret=${workplace.clientSecret}`,
    "  (demo credentials of this mock only, not secrets)",
    ...server.webhooks.ycm.map((t, i) => `  YCM webhook ${i + 1}: ${shownUrl(t.url)} (signed with line ${i + 1} of the secret file)`),
    ...(server.webhooks.workplace ? [`  Workplace callback: ${shownUrl(server.webhooks.workplace.callbackUri)} (events once subscribed to)`] : []),
    "Press Ctrl+C to stop.",
    "",
  ].join("\n");
}
