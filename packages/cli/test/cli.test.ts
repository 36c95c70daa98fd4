// The built `yeastar` binary, run as a child process against the mock server on 127.0.0.1: every
// command the issue names, each with its exit code, and at the end a search of everything the
// runs printed for every secret and token they used.
import { randomBytes } from "node:crypto";
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { createServer } from "node:net";
import { join } from "node:path";
import { parse } from "csv-parse/sync";
import { loadSpecs } from "@yeastar-openapi/spec-model";
import { startMockServer, type MockServer } from "@yeastar-openapi/mock-server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { baseEnv, bin, freshHome, packageDir, runProcess, transcript, yeastar } from "./helpers.js";

const USERS = 137;
let mock: MockServer;
let home: Record<string, string>;
/** Every HOME the runs used: their token caches hold tokens the CLI used. */
const homes: Record<string, string>[] = [];
let env: Record<string, string>;
const secrets = {
  ycm: `ycm-secret-${randomBytes(12).toString("hex")}`,
  workplace: `wp-secret-${randomBytes(12).toString("hex")}`,
};
/** Tokens handed to the CLI or cached by it: none may ever be printed. */
const tokens: string[] = [];

beforeAll(async () => {
  mock = await startMockServer({
    collections: { YcmUser: USERS },
    credentials: { ycm: { clientSecret: secrets.ycm }, workplace: { clientSecret: secrets.workplace } },
  });
  home = freshHome();
  homes.push(home);
  env = baseEnv({
    ...home,
    YCM_CLIENT_ID: mock.credentials.ycm.clientId,
    YCM_CLIENT_SECRET: secrets.ycm,
    YCM_BASE_URL: mock.url,
    WORKPLACE_CLIENT_ID: mock.credentials.workplace.clientId,
    WORKPLACE_CLIENT_SECRET: secrets.workplace,
    WORKPLACE_BASE_URL: mock.url,
  });
});
afterAll(async () => {
  await mock?.close();
});

const json = (text: string) => JSON.parse(text) as { data: Record<string, unknown> } & Record<string, unknown>;

describe("yeastar against the mock server", () => {
  it("lists every user with --all as CSV: each item once, streamed page by page", async () => {
    mock.stats.reset();
    const { code, stdout, stderr } = await yeastar(["ycm", "users", "list", "--all", "--output", "csv"], { env });
    expect(stderr).toBe("");
    expect(code).toBe(0);
    const rows = parse(stdout, { columns: true }) as Record<string, string>[];
    expect(rows).toHaveLength(USERS);
    const ids = rows.map((r) => r.userId);
    expect(new Set(ids).size).toBe(USERS);
    const expected = (mock.dataset.collections.YcmUser as { userId: number }[]).map((u) => String(u.userId)).sort();
    expect([...ids].sort()).toEqual(expected);
    // The largest page the spec allows (50): three pages for 137 users.
    expect(mock.stats.requests.listYcmUsers).toBe(3);
  });

  it("stops a walk at --limit", async () => {
    const { code, stdout } = await yeastar(["ycm", "users", "list", "--limit", "7", "-o", "ndjson"], { env });
    expect(code).toBe(0);
    expect(stdout.trim().split("\n").map((line) => JSON.parse(line).userId)).toHaveLength(7);
  });

  it("gets one user by a positional path parameter, and by its flag", async () => {
    const user = (mock.dataset.collections.YcmUser as { userId: number; email?: string }[])[3]!;
    const positional = await yeastar(["ycm", "users", "get", String(user.userId), "--output", "json"], { env });
    expect(positional.code).toBe(0);
    expect(json(positional.stdout).data.userId).toBe(user.userId);
    const flag = await yeastar(["ycm", "users", "get", "--user-id", String(user.userId), "-o", "json"], { env });
    expect(json(flag.stdout).data.userId).toBe(user.userId);
  });

  it("creates a customer, reads it back, deletes it (then it is gone: an API error, exit 1)", async () => {
    const body = { firstName: "Ada", lastName: "Lovelace", company: "Analytical Engines", email: "ada@example.com" };
    const created = await yeastar(["ycm", "customers", "create", "--data", JSON.stringify(body), "-o", "json"], { env });
    expect(created.stderr).toBe("");
    expect(created.code).toBe(0);
    const id = json(created.stdout).data.customerId as number;
    expect(typeof id).toBe("number");
    const read = await yeastar(["ycm", "customers", "get", String(id), "-o", "json"], { env });
    expect(read.code).toBe(0);
    expect(json(read.stdout).data).toMatchObject(body);
    const deleted = await yeastar(["ycm", "customers", "delete", "--data", JSON.stringify({ customerIds: [id] }), "-o", "json"], { env });
    expect(deleted.code).toBe(0);
    const gone = await yeastar(["ycm", "customers", "get", String(id), "-o", "json"], { env });
    expect(gone.code).toBe(1);
    expect(gone.stdout).toBe("");
    expect(gone.stderr).toMatch(/code: \d+ \w+/);
    expect(gone.stderr).toMatch(/requestId: \S+/);
  });

  it("takes a body from stdin (--data -) and from a file (--data @file)", async () => {
    const body = { firstName: "Grace", lastName: "Hopper", company: "Navy", email: "grace@example.com" };
    const fromStdin = await yeastar(["ycm", "customers", "create", "--data", "-", "-o", "json"], { env, input: JSON.stringify(body) });
    expect(fromStdin.code).toBe(0);
    const id = json(fromStdin.stdout).data.customerId as number;
    const read = await yeastar(["ycm", "customers", "get", String(id), "-o", "json"], { env });
    expect(json(read.stdout).data).toMatchObject(body);
    const file = join(home.HOME!, "customer.json");
    writeFileSync(file, JSON.stringify({ ...body, firstName: "Anita" }));
    const fromFile = await yeastar(["ycm", "customers", "create", "--data", `@${file}`, "-o", "json"], { env });
    expect(fromFile.code).toBe(0);
  });

  it("refuses a body the spec refuses, naming the field, before sending (exit 2)", async () => {
    mock.stats.reset();
    const { code, stdout, stderr } = await yeastar(["ycm", "customers", "create", "--data", JSON.stringify({ firstName: 42 }), "-o", "json"], { env });
    expect(code).toBe(2);
    expect(stdout).toBe("");
    expect(stderr).toContain("body.firstName");
    expect(mock.stats.requests.createYcmCustomer ?? 0).toBe(0);
  });

  it("answers usage errors with exit 2: unknown flag, unknown command, a page size over the spec's limit, bad JSON", async () => {
    const unknownFlag = await yeastar(["ycm", "users", "list", "--colour", "red"], { env });
    expect(unknownFlag.code).toBe(2);
    expect(unknownFlag.stderr).toContain("--colour");
    const unknownCommand = await yeastar(["ycm", "userz", "list"], { env });
    expect(unknownCommand.code).toBe(2);
    const overLimit = await yeastar(["ycm", "users", "list", "--page-size", "51"], { env });
    expect(overLimit.code).toBe(2);
    expect(overLimit.stderr).toContain("pageSize");
    const notANumber = await yeastar(["ycm", "users", "get", "abc"], { env });
    expect(notANumber.code).toBe(2);
    const badJson = await yeastar(["ycm", "customers", "create", "--data", "{oops"], { env });
    expect(badJson.code).toBe(2);
    expect(badJson.stderr).toContain("not valid JSON");
  });

  it("answers an API error with exit 1, the vendor code and the requestId on stderr", async () => {
    const { code, stdout, stderr } = await yeastar(["ycm", "users", "get", "999999999"], { env });
    expect(code).toBe(1);
    expect(stdout).toBe("");
    expect(stderr).toContain(`code: ${loadSpecs().ycm.errorCode("USER_NOT_FOUND")} USER_NOT_FOUND`);
    expect(stderr).toMatch(/requestId: [0-9a-f-]{16,}/);
  });

  it("answers a refused connection and a timeout with exit 3", async () => {
    const port = await closedPort();
    const refused = await yeastar(["ycm", "users", "list", "--base-url", `http://127.0.0.1:${port}`], { env });
    expect(refused.code).toBe(3);
    expect(refused.stderr).toMatch(/ECONNREFUSED|fetch failed/);
    const fault = mock.inject({ kind: "latency", ms: 3000, operationId: "listYcmSubordinates" });
    try {
      const slow = await yeastar(["ycm", "subordinates", "list", "--timeout", "300", "-o", "json"], { env: { ...env } });
      expect(slow.code).toBe(3);
      expect(slow.stderr).toMatch(/timed out|timeout/i);
    } finally {
      fault.remove();
    }
  });

  it("calls by path in the raw form, with a concrete path or a template", async () => {
    const page = await yeastar(["ycm", "GET", "/dm/open_api/v2/users", "--query", "pageSize=5", "-o", "ndjson"], { env });
    expect(page.code).toBe(0);
    expect(page.stdout.trim().split("\n")).toHaveLength(5);
    const user = (mock.dataset.collections.YcmUser as { userId: number }[])[0]!;
    const concrete = await yeastar(["ycm", "GET", `/dm/open_api/v1/users/${user.userId}`, "-o", "json"], { env });
    expect(json(concrete.stdout).data.userId).toBe(user.userId);
    const template = await yeastar(["ycm", "GET", "/dm/open_api/v1/users/{userId}", "--path", `userId=${user.userId}`, "-o", "json"], { env });
    expect(json(template.stdout).data.userId).toBe(user.userId);
    const unknown = await yeastar(["ycm", "GET", "/dm/open_api/v9/nothing"], { env });
    expect(unknown.code).toBe(2);
  });

  it("prints the request with --dry-run (Authorization redacted) and sends nothing", async () => {
    mock.stats.reset();
    const { code, stdout } = await yeastar(["ycm", "cloud-pbxs", "start", "42", "--dry-run"], { env });
    expect(code).toBe(0);
    expect(stdout).toContain(`PUT ${mock.url}/dm/open_api/v1/cloud_pbx/instances/42/start`);
    expect(stdout).toMatch(/authorization: Bearer \[REDACTED\]/i);
    expect(mock.stats.requests.startYcmCloudPbx ?? 0).toBe(0);
    expect(mock.stats.tokensIssued.ycm).toBe(0);
  });

  it("takes the host from --region (the spec's regional servers), and refuses a region an API lacks", async () => {
    const eu = await yeastar(["workplace", "users", "list", "--region", "eu", "--dry-run"], { env });
    expect(eu.code).toBe(0);
    const servers = loadSpecs().workplace.document.servers as { url: string }[];
    const euUrl = servers.map((s) => s.url).find((url) => /\/\/eu\./.test(url))!;
    expect(eu.stdout.split("\n")[0]).toMatch(new RegExp(`^GET ${euUrl.replace(/[.]/g, "\\.")}/services/`));
    const ycm = await yeastar(["ycm", "users", "list", "--region", "eu"], { env });
    expect(ycm.code).toBe(2);
    expect(ycm.stderr).toContain("--region");
  });

  it("logs each request with --verbose on stderr, and no credential", async () => {
    const { code, stderr } = await yeastar(["ycm", "users", "list", "--limit", "3", "-o", "json", "--verbose"], { env });
    expect(code).toBe(0);
    expect(stderr).toMatch(/> GET http:\/\/127\.0\.0\.1:\d+\/dm\/open_api\/v2\/users\?/);
    expect(stderr).toMatch(/< 200 GET \/dm\/open_api\/v2\/users/);
  });

  it("uses an access token from the environment", async () => {
    const { access_token: token } = (await (
      await fetch(`${mock.url}/dm/open_api/oauth/token`, {
        method: "POST",
        headers: { "User-Agent": "cli-test", "Content-Type": "application/x-www-form-urlencoded" },
        body: new URLSearchParams({ grant_type: "client_credentials", client_id: mock.credentials.ycm.clientId, client_secret: secrets.ycm }),
      })
    ).json()) as { access_token: string };
    tokens.push(token);
    const { YCM_CLIENT_ID: _id, YCM_CLIENT_SECRET: _secret, ...rest } = env;
    const { code } = await yeastar(["ycm", "users", "list", "-o", "json", "--verbose"], { env: { ...rest, YCM_ACCESS_TOKEN: token } });
    expect(code).toBe(0);
  });

  it("caches the token between invocations: one grant for several commands, in a 0600 file named by a hash", async () => {
    const cacheHome = freshHome();
    homes.push(cacheHome);
    const cached = { ...env, ...cacheHome };
    mock.stats.reset();
    for (let i = 0; i < 2; i++) {
      const { code } = await yeastar(["ycm", "users", "list", "--limit", "1", "-o", "json"], { env: cached });
      expect(code).toBe(0);
    }
    expect(mock.stats.tokensIssued.ycm).toBe(1);
    const dir = join(cacheHome.XDG_CACHE_HOME!, "yeastar", "tokens");
    const files = readdirSync(dir).filter((f) => f.endsWith(".json"));
    expect(files).toHaveLength(1);
    expect(files[0]).toMatch(/^ycm-[0-9a-f]{32}\.json$/);
    expect(statSync(join(dir, files[0]!)).mode & 0o777).toBe(0o600);
  });

  it("saves a profile with yeastar login (0600 in a 0700 folder) and uses it with --profile", async () => {
    const loginHome = freshHome();
    homes.push(loginHome);
    const loginEnv = baseEnv({ ...loginHome });
    const login = await yeastar(["login", "ycm", "--client-id", mock.credentials.ycm.clientId, "--base-url", mock.url, "--profile", "acme"], {
      env: loginEnv,
      input: `${secrets.ycm}\n`,
    });
    expect(login.stderr).toContain('profile "acme"');
    expect(login.code).toBe(0);
    const file = join(loginHome.XDG_CONFIG_HOME!, "yeastar", "profiles.json");
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(statSync(join(loginHome.XDG_CONFIG_HOME!, "yeastar")).mode & 0o777).toBe(0o700);
    const listed = await yeastar(["ycm", "users", "list", "--profile", "acme", "--limit", "2", "-o", "ndjson"], { env: loginEnv });
    expect(listed.code).toBe(0);
    expect(listed.stdout.trim().split("\n")).toHaveLength(2);
    const missing = await yeastar(["ycm", "users", "list", "--profile", "nobody"], { env: loginEnv });
    expect(missing.code).toBe(2);
    const none = await yeastar(["ycm", "users", "list"], { env: baseEnv({ ...freshHome() }) });
    expect(none.code).toBe(2);
    expect(none.stderr).toContain("YCM_CLIENT_ID");
  });

  it("runs a command against its own mock server with --mock, no credentials needed", async () => {
    const { code, stdout } = await yeastar(["--mock", "workplace", "users", "list", "--limit", "4", "-o", "ndjson"], { env: baseEnv({ ...freshHome() }) });
    expect(code).toBe(0);
    expect(stdout.trim().split("\n")).toHaveLength(4);
  });

  it("completes commands in bash from `yeastar completion bash`", async () => {
    const script = await yeastar(["completion", "bash"], { env });
    expect(script.code).toBe(0);
    const file = join(home.HOME!, "completion.bash");
    writeFileSync(file, script.stdout);
    const complete = (words: string[]) =>
      runProcess("bash", ["-c", `source ${file}; COMP_WORDS=(${words.map((w) => `'${w}'`).join(" ")}); COMP_CWORD=${words.length - 1}; _yeastar; echo "\${COMPREPLY[@]}"`], { env });
    expect((await complete(["yeastar", "yc"])).stdout.trim()).toBe("ycm");
    expect((await complete(["yeastar", "ycm", "cloud-p"])).stdout.trim()).toBe("cloud-pbxs");
    expect((await complete(["yeastar", "ycm", "cloud-pbxs", "sta"])).stdout.trim().split(" ").sort()).toEqual(["start"]);
    expect((await complete(["yeastar", "-o", "csv", "ycm", "users", "list", "--pa"])).stdout.trim().split(" ").sort()).toEqual(["--page-number", "--page-size"]);
    const zsh = await yeastar(["completion", "zsh"], { env });
    expect(zsh.stdout).toContain("complete -F _yeastar yeastar");
  });
});

describe("the progress bar", () => {
  it("shows items, total and ETA on a terminal (a pseudo-terminal from script(1))", async () => {
    expect(existsSync("/usr/bin/script") || existsSync("/bin/script")).toBe(true);
    const command = [process.execPath, bin, "ycm", "users", "list", "--all", "-o", "csv"].map((a) => `'${a}'`).join(" ");
    const { code, stdout } = await runProcess("script", ["-q", "-e", "-c", command, "/dev/null"], { env: { ...env, TERM: "xterm" } });
    expect(code).toBe(0);
    expect(stdout).toContain(`${USERS}/${USERS} items`);
    expect(stdout).toContain("ETA");
  });

  it("never shows when stderr is piped", async () => {
    const { code, stderr } = await yeastar(["ycm", "users", "list", "--all", "-o", "csv"], { env });
    expect(code).toBe(0);
    expect(stderr).toBe("");
  });

  it("prints a table by default on a terminal, and JSON when piped", async () => {
    const user = (mock.dataset.collections.YcmUser as { userId: number }[])[1]!;
    const command = [process.execPath, bin, "ycm", "users", "get", String(user.userId)].map((a) => `'${a}'`).join(" ");
    const onTerminal = await runProcess("script", ["-q", "-e", "-c", command, "/dev/null"], { env: { ...env, TERM: "xterm" } });
    expect(onTerminal.code).toBe(0);
    expect(onTerminal.stdout).toMatch(/│ userId\s+│ \d+/);
    const piped = await yeastar(["ycm", "users", "get", String(user.userId)], { env });
    expect(json(piped.stdout).data.userId).toBe(user.userId);
  });
});

describe("every operation of the spec has a command", () => {
  it("runs --help for each (derived from the spec model), in one process", async () => {
    const models = loadSpecs();
    const expected = Object.values(models).flatMap((m) => m.operations.map((op) => ({ api: m.api, operationId: op.operationId, summary: op.summary })));
    // One node process runs every --help through the built package's run().
    const script = `
      import { run, operationCommands, commandParameters, flagName } from ${JSON.stringify(join(packageDir, "dist", "index.js"))};
      import { loadSpecs } from "@yeastar-openapi/spec-model";
      const results = [];
      for (const model of Object.values(loadSpecs())) {
        for (const { api, family, action, op } of operationCommands(model)) {
          let out = "";
          const sink = { write: (t) => { out += t; return true; }, isTTY: false };
          const code = await run([api, family, action, "--help"], { stdout: sink, stderr: sink, stdin: process.stdin, env: {} });
          results.push({ api, operationId: op.operationId, code, out, shown: commandParameters(op).map((p) => (p.in === "path" ? "[" + p.name + "]" : "--" + flagName(p.name))) });
        }
      }
      process.stdout.write(JSON.stringify(results));
    `;
    const { code, stdout, stderr } = await runProcess(process.execPath, ["--input-type=module", "-e", script], { env: baseEnv({ ...home }) });
    expect(stderr).toBe("");
    expect(code).toBe(0);
    const results = JSON.parse(stdout) as { api: string; operationId: string; code: number; out: string; shown: string[] }[];
    expect(results.map((r) => `${r.api} ${r.operationId}`).sort()).toEqual(expected.map((e) => `${e.api} ${e.operationId}`).sort());
    for (const result of results) {
      const { summary } = expected.find((e) => e.operationId === result.operationId)!;
      expect(result.code, result.operationId).toBe(0);
      expect(result.out, result.operationId).toContain(summary);
      expect(result.out, result.operationId).toContain(`operationId ${result.operationId}`);
      // Each parameter: a path parameter as its argument, the others as their flags.
      for (const shown of result.shown) expect(result.out, `${result.operationId} ${shown}`).toContain(shown);
    }
    // What the spec says of the values (enums, defaults, limits) is in the help, read here from the spec.
    const flat = (text: string) => text.replace(/\s+/g, " ");
    let facts = 0;
    for (const model of Object.values(models)) {
      for (const op of model.operations) {
        const out = flat(results.find((r) => r.operationId === op.operationId)!.out);
        for (const param of op.parameters.filter((p) => p.in === "query")) {
          const schema = param.schema as { enum?: unknown[]; default?: unknown; maximum?: number; minimum?: number };
          for (const value of schema.enum ?? []) expect(out, `${op.operationId} ${param.name} enum`).toContain(String(value));
          if (schema.default !== undefined) expect(out, `${op.operationId} ${param.name} default`).toContain(`default ${JSON.stringify(schema.default)}`);
          if (schema.maximum !== undefined) expect(out, `${op.operationId} ${param.name} maximum`).toContain(`max ${schema.maximum}`);
          if (schema.minimum !== undefined) expect(out, `${op.operationId} ${param.name} minimum`).toContain(`min ${schema.minimum}`);
          facts += (schema.enum?.length ?? 0) + [schema.default, schema.maximum, schema.minimum].filter((v) => v !== undefined).length;
        }
      }
    }
    expect(facts).toBeGreaterThan(10);
  });
});

describe("secrets", () => {
  it("appear nowhere in anything the CLI printed during this run", () => {
    // Tokens the CLI cached between invocations are tokens it used.
    for (const cacheDir of homes.map((h) => join(h.XDG_CACHE_HOME!, "yeastar", "tokens")).filter((dir) => existsSync(dir))) {
      for (const file of readdirSync(cacheDir).filter((f) => f.endsWith(".json"))) {
        const strings = (value: unknown): string[] =>
          typeof value === "string" ? [value] : value && typeof value === "object" ? Object.values(value).flatMap(strings) : [];
        for (const value of strings(JSON.parse(readFileSync(join(cacheDir, file), "utf8")))) if (value.length > 8) tokens.push(value);
      }
    }
    expect(tokens.length).toBeGreaterThan(2);
    const all = transcript.join("\n");
    expect(transcript.length).toBeGreaterThan(40);
    for (const secret of [secrets.ycm, secrets.workplace, ...tokens]) expect(all.includes(secret), `a secret or token was printed`).toBe(false);
  });
});

/** A port nothing listens on. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}
