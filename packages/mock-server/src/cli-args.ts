import { parseArgs } from "node:util";
import type { MockServerOptions } from "./options.js";
import type { MockServer } from "./server.js";

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
  -h, --help              Show this help
`;

export type CliCommand = { help: true } | { help: false; options: MockServerOptions };

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
  return { help: false, options };
}

/** The client secrets printed here are the mock's fixtures: they open nothing but this mock. */
export function formatBanner(server: MockServer): string {
  const { ycm, workplace } = server.credentials;
  return [
    `Yeastar mock server listening on ${server.url}`,
    `  YCM:       ${server.url}/dm/open_api/...        client_id=${ycm.clientId} client_secret=${ycm.clientSecret}`,
    `  Workplace: ${server.url}/services/openapi/...   client_id=${workplace.clientId} client_secret=${workplace.clientSecret}`,
    "  (demo credentials of this mock only, not secrets)",
    "Press Ctrl+C to stop.",
    "",
  ].join("\n");
}
