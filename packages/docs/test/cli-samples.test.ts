// The `yeastar` CLI samples: one per operation in the built pages, generated from the spec, and
// each one a command the CLI accepts. Every sample is parsed by a real shell (bash, one process
// for all of them, with `yeastar` standing for a function that records its arguments), then each
// recorded command runs through the CLI's run() with --dry-run: it must be understood, its body
// must pass the CLI's check against the spec, and the request it would send must be the
// operation's method and path.
import { execFile } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { run } from "@yeastar-openapi/cli";
import { type JsonObject, loadSpec } from "@yeastar-openapi/spec-model";
import { describe, expect, it } from "vitest";
import { apis, pageConst, readBundle, readPage } from "./pages.js";
// @ts-expect-error: plain ESM script without type declarations
import * as cli from "../scripts/cli-samples.mjs";

const cliLabel: string = cli.cliLabel;
const cliLang: string = cli.cliLang;
const cliSource: (api: string, doc: unknown, method: string, path: string) => string = cli.cliSource;
const exec = promisify(execFile);

/** Runs every sample in one bash, `yeastar` recording each command's arguments: [operationId, argv][]. */
async function parseSamples(samples: { operationId: string; source: string }[], env: Record<string, string>): Promise<[string, string[]][]> {
  const dir = mkdtempSync(join(tmpdir(), "cli-samples-"));
  try {
    const log = join(dir, "argv");
    const script = [
      `yeastar() { printf '%s\\0' "$CURRENT" "$@" >> ${JSON.stringify(log)}; printf '\\n' >> ${JSON.stringify(log)}; }`,
      ...samples.map((s) => `CURRENT=${s.operationId}\n${s.source}`),
    ].join("\n");
    await exec("bash", ["--noprofile", "--norc", "-e", "-c", script], { cwd: dir, env: { PATH: process.env.PATH ?? "", ...env } });
    return readFileSync(log, "utf8")
      .split("\0\n")
      .filter(Boolean)
      .map((record) => {
        const [operationId, ...argv] = record.split("\0");
        return [operationId!, argv];
      });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

describe.each(apis)("%s", (api) => {
  const { spec } = readBundle(api);
  const model = loadSpec(spec as unknown as JsonObject);

  it("every operation shows a yeastar CLI sample in the built page, as generated", () => {
    const definition = pageConst(readPage(`${api}.html`), "__redoc_definition");
    const ops = loadSpec(definition as JsonObject).operations;
    expect(ops.length).toBe(model.operations.length);
    for (const op of ops) {
      const sample = (op.node["x-codeSamples"] as { lang: string; label: string; source: string }[]).find((s) => s.label === cliLabel);
      expect(sample, op.operationId).toEqual({ lang: cliLang, label: cliLabel, source: cliSource(api, spec, op.method, op.path) });
      // Credentials come from the environment: every credential field's value is a variable.
      expect(sample!.source, op.operationId).not.toMatch(/mock-|"(client_id|client_secret|refresh_token|access_token)":(?!\s*"'"\$[A-Z_]+"'")/);
    }
  });

  it("every command of every sample is accepted by the CLI and sends the operation's request (--dry-run)", { timeout: 120_000 }, async () => {
    const prefix = api.toUpperCase();
    const env = { [`${prefix}_CLIENT_ID`]: "sample-client-id", [`${prefix}_CLIENT_SECRET`]: "sample-client-secret", [`${prefix}_REFRESH_TOKEN`]: "sample-refresh-token" };
    const samples = model.operations.map((op) => ({ operationId: op.operationId, source: cliSource(api, spec, op.method, op.path) }));
    const commands = await parseSamples(samples, env);
    // Every operation has at least one command; a paged one also its --all line.
    expect(new Set(commands.map(([id]) => id))).toEqual(new Set(model.operations.map((op) => op.operationId)));
    for (const [operationId, argv] of commands) {
      const op = model.operation(operationId);
      let out = "";
      let err = "";
      const stdout = { write: (text: string) => ((out += text), true), isTTY: false } as unknown as NodeJS.WritableStream;
      const stderr = { write: (text: string) => ((err += text), true), isTTY: false } as unknown as NodeJS.WriteStream;
      const code = await run([...argv, "--dry-run"], { stdout, stderr, stdin: process.stdin, env: { HOME: tmpdir() } });
      expect({ operationId, argv, code, err }).toEqual({ operationId, argv, code: 0, err: "" });
      const [method, url] = out.split("\n")[0]!.split(" ");
      expect(method, operationId).toBe(op.method.toUpperCase());
      const template = new RegExp(`^${op.path.replace(/[.*+?^$()|[\]\\]/g, "\\$&").replace(/\{[^}]+\}/g, "[^?#]+")}$`);
      expect(new URL(url!).pathname, `${operationId}: ${argv.join(" ")}`).toMatch(template);
    }
  });
});
