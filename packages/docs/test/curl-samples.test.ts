// The curl samples: one per operation in the built pages, generated from the spec, and runnable.
// Every command of every sample runs, as written, in a shell (bash, the real curl) against the
// mock server on 127.0.0.1 with a token the mock issued, and the answer must validate against
// the operation's success response in the spec.
import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { Ajv2020 } from "ajv/dist/2020.js";
import * as formatsModule from "ajv-formats";
import type { FormatsPlugin } from "ajv-formats";
import { type JsonObject, loadSpec, type Operation } from "@yeastar-openapi/spec-model";
import { startMockServer, type MockServer } from "@yeastar-openapi/mock-server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { apis, pageConst, readBundle, readPage } from "./pages.js";
import { curlEnv, curlLabel, curlLang, curlSource } from "./scripts.js";

const run = promisify(execFile);
const addFormats = ((formatsModule as unknown as { default?: FormatsPlugin }).default ?? formatsModule) as FormatsPlugin;

let mock: MockServer;
beforeAll(async () => {
  mock = await startMockServer();
});
afterAll(async () => {
  await mock?.close();
});

/** The separate commands of a sample (blank-line separated), with the comment lines dropped. */
const commands = (source: string) =>
  source.split(/\n\n+/).map((block) => block.split("\n").filter((l) => !l.startsWith("#")).join("\n")).filter((c) => c.startsWith("curl "));

async function sh(command: string, env: Record<string, string>): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await run("bash", ["--noprofile", "--norc", "-c", command], { env: { PATH: process.env.PATH, ...env }, timeout: 20_000 });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code?: number; stdout?: string; stderr?: string };
    return { code: typeof e.code === "number" ? e.code : 1, stdout: e.stdout ?? "", stderr: e.stderr ?? "" };
  }
}


describe.each(apis)("%s", (api) => {
  const { spec } = readBundle(api);
  const model = loadSpec(spec as unknown as JsonObject);
  const env = curlEnv(api);
  const ajv = new Ajv2020({ strict: false, allErrors: true });
  addFormats(ajv);
  const id = `https://curl-samples.invalid/${api}.json`;
  ajv.addSchema({ ...structuredClone(spec), $id: id });
  /** Problems of an answer, or [] when its status is documented and its body matches that response's schema. */
  const problems = (op: Operation, status: number, body: unknown): string[] => {
    const documented = model.response(op, status);
    if (!documented?.json) return [`HTTP ${status} is not documented with a JSON body`];
    const pointer = documented.json.schemaPointer.split("/").map(encodeURIComponent).join("/");
    const validate = ajv.getSchema(`${id}#${pointer}`) ?? ajv.compile({ $ref: `${id}#${pointer}` });
    return validate(body) ? [] : (validate.errors ?? []).map((e) => `${e.instancePath || "(body)"} ${e.message ?? e.keyword}`);
  };
  // The spec's example IDs are the vendor's; the mock's generated records have others, so a call on
  // a record by its example ID may be answered with the API's documented "not found" error.
  const notFound = (body: unknown) => {
    const { errMsg, errmsg } = (body ?? {}) as Record<string, unknown>;
    return /NOT_FOUND/.test(String(errMsg ?? errmsg ?? ""));
  };

  // The sample that gets a token with the client credentials: a no-token operation whose success
  // carries an access_token, first command (the client-credentials one).
  const tokenOp = model.operations.find((op) => !op.needsToken && (op.success?.json?.schema.properties as Record<string, unknown> | undefined)?.access_token)!;

  /**
   * A fresh token pair from the mock (in-process, so each command gets its own without a second
   * shell): the token operation's first body example with the mock's credentials.
   */
  async function tokens(base: Record<string, string>): Promise<Record<string, string>> {
    const media = tokenOp.requestBody!.content[0]!;
    const example = { ...(media.examples[0]!.value as Record<string, string>) };
    for (const key of Object.keys(example)) if (/^client_(id|secret)$/.test(key)) example[key] = base[env.field(key)]!;
    const headers: Record<string, string> = { "content-type": media.mediaType };
    for (const p of tokenOp.parametersIn.header) if (p.example !== undefined) headers[p.name] = String(p.example);
    const answer = await fetch(new URL(tokenOp.path, base[env.baseUrl]), { method: tokenOp.method.toUpperCase(), headers, body: new URLSearchParams(example) });
    const body = (await answer.json()) as { access_token: string; refresh_token: string };
    return { ...base, [env.accessToken]: body.access_token, [env.field("refresh_token")]: body.refresh_token };
  }

  it("every operation shows a curl sample in the built page, as generated", () => {
    const definition = pageConst(readPage(`${api}.html`), "__redoc_definition");
    const ops = loadSpec(definition as JsonObject).operations;
    expect(ops.length).toBe(model.operations.length);
    for (const op of ops) {
      const sample = (op.node["x-codeSamples"] as { lang: string; label: string; source: string }[]).find((s) => s.label === curlLabel);
      expect(sample, op.operationId).toEqual({ lang: curlLang, label: curlLabel, source: curlSource(api, spec, op.method, op.path) });
      expect(sample!.source, op.operationId).not.toMatch(/mock-|secret"/); // credentials come from the environment
    }
  });

  it("runs every command of every curl sample against the mock, and each answer validates", { timeout: 240_000 }, async () => {
    const credentials = mock.credentials[api as "ycm" | "workplace"];
    const base = {
      [env.baseUrl]: mock.url,
      [env.field("client_id")]: credentials.clientId,
      [env.field("client_secret")]: credentials.clientSecret,
    };
    const jobs = model.operations.flatMap((op) => commands(curlSource(api, spec, op.method, op.path)).map((command) => ({ op, command })));
    const failures: string[] = [];
    let succeeded = 0;
    let refusedByState = 0;
    // A few shells at a time: each command has its own token, so order does not matter, except for
    // the token endpoints' own commands: a revocation ends every refresh token of the client (YCM),
    // so one running beside a refresh grant could kill the refresh token that grant is about to
    // use. They run after the others, one at a time (each still with a token pair of its own).
    const worker = async (queue: typeof jobs) => {
      for (let job = queue.shift(); job; job = queue.shift()) {
        const { op, command } = job;
        // As written, plus quiet progress and the HTTP status on a last line of its own.
        const result = await sh(command.trimEnd().replace(/^curl /, "curl --silent --show-error --write-out '\\n%{http_code}' "), await tokens(base));
        const lines = result.stdout.trimEnd().split("\n");
        const status = Number(lines.pop());
        let body: unknown;
        try {
          body = JSON.parse(lines.join("\n"));
        } catch {
          failures.push(`${op.operationId}: exit ${result.code}, HTTP ${status}, not JSON: ${result.stdout.slice(0, 200)} ${result.stderr.slice(0, 200)}`);
          continue;
        }
        const found = problems(op, status, body);
        if (status >= 200 && status < 300) succeeded += 1;
        // The mock's stateful operations (a booking in the past, members that do not exist) may refuse the
        // vendor's example values: a refusal in the documented error shape (checked above) is then the answer.
        else if (mock.statefulOperations.includes(op.operationId) && status >= 400 && status < 500) refusedByState += 1;
        else if (!notFound(body)) found.push(`HTTP ${status} is not a success`);
        if (result.code !== 0 || found.length) failures.push(`${op.operationId}: exit ${result.code}, HTTP ${status}; ${found.join("; ")}; ${result.stdout.slice(0, 300)}`);
      }
    };
    const withToken = jobs.filter((job) => job.op.needsToken);
    await Promise.all([worker(withToken), worker(withToken), worker(withToken), worker(withToken)]);
    await worker(jobs.filter((job) => !job.op.needsToken));
    const ran = jobs.length;
    expect(failures).toEqual([]);
    expect(ran).toBeGreaterThanOrEqual(model.operations.length);
    // Most calls reach a record that exists (the mock answers list and create calls whatever the IDs).
    // (A stateful operation's documented refusal is the mock's considered answer, not a missing record.)
    expect(succeeded + refusedByState).toBeGreaterThan(ran / 2);
  });
});
