// The TypeScript code samples: generated from the spec for every operation, shown in the built
// pages exactly as generated, and type-checked against @yeastar-openapi/client, a check that
// must reject a sample a reader's compiler would reject.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { loadSpec, RefResolver } from "@yeastar-openapi/spec-model";
import { afterAll, describe, expect, it } from "vitest";
import { apis, operations, pageConst, readBundle, readPage } from "./pages.js";
import {
  buildDir,
  clientMeta,
  clientNames,
  codeSamples,
  describeProblems,
  sampleLabel,
  sampleSource,
  typeCheckSamples,
} from "./scripts.js";

interface CodeSample {
  lang: string;
  label: string;
  source: string;
}
interface Parameter {
  name: string;
  in: string;
  required?: boolean;
  example?: unknown;
  examples?: Record<string, { value: unknown }>;
  $ref?: string;
}
type Doc = Record<string, any>;

// Checked modules must live below packages/docs: its node_modules links @yeastar-openapi/client.
mkdirSync(buildDir, { recursive: true });
const scratch = mkdtempSync(join(buildDir, "test-"));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

let written = 0;
function writeSample(operationId: string, source: string): { operationId: string; file: string } {
  const dir = join(scratch, String((written += 1)));
  mkdirSync(dir);
  const file = join(dir, `${operationId}.ts`);
  writeFileSync(file, source);
  return { operationId, file };
}

/** A parameter value as a sample writes it inline: arrays with a space after each comma. */
function shown(value: unknown): string {
  return Array.isArray(value) ? `[${value.map(shown).join(", ")}]` : JSON.stringify(value);
}

function resolveParam(doc: Doc, param: Parameter): Parameter {
  return new RefResolver(doc).resolve<Parameter>(param);
}

/** The top-level fields of an operation's success response body. */
function responseFields(doc: Doc, operationId: string): string[] {
  return Object.keys(loadSpec(doc).operation(operationId).success?.content[0]?.schema.properties ?? {});
}

describe.each(apis)("%s samples", (api) => {
  const { spec } = readBundle(api);
  const doc = spec as unknown as Doc;
  const samples = codeSamples(api, doc);
  const meta = clientMeta(doc);
  const { factory, variable, envPrefix } = clientNames(api);

  it("exist for every operation, and the page shows each one exactly as generated", () => {
    expect(samples.map((s) => s.operationId)).toEqual(operations(spec).map(([, , op]) => op.operationId));
    const definition = pageConst(readPage(`${api}.html`), "__redoc_definition") as Doc;
    for (const { method, path, source, operationId } of samples) {
      // The TypeScript sample; the curl one beside it is test/curl-samples.test.ts's.
      const shown = (definition.paths[path][method]["x-codeSamples"] as CodeSample[]).filter((s) => s.lang !== "Shell");
      expect(shown, operationId).toEqual([{ lang: "TypeScript", label: sampleLabel, source }]);
    }
  });

  it("call each operation through our client, paged ones with paginate too", () => {
    for (const { method, path, source, operationId } of samples) {
      expect(source, operationId).toContain(`import { ${factory} } from "@yeastar-openapi/client";`);
      expect(source, operationId).toContain(`const ${variable} = ${factory}({`);
      expect(source, operationId).toContain(`await ${variable}.${method.toUpperCase()}(${JSON.stringify(path)}`);
      const pageParam = meta.operations[method.toUpperCase()]?.[path]?.pageParam;
      if (pageParam) {
        const paginate = source.slice(source.indexOf(`${variable}.paginate(`));
        expect(paginate, operationId).toMatch(new RegExp(`^${variable}\\.paginate\\(${JSON.stringify(path).replace(/[.*+?^${}()|[\]\\/]/g, "\\$&")}`));
        expect(paginate, `${operationId}: paginate owns the page number`).not.toContain(`${pageParam}:`);
      } else {
        expect(source, operationId).not.toContain(".paginate(");
      }
    }
  });

  // How a sample writes a value: JSON, with the ", " between array items that samples use.
  const shown = (value: unknown): string => (Array.isArray(value) ? `[${value.map(shown).join(", ")}]` : JSON.stringify(value));

  it("show the spec's parameter examples, leaving User-Agent to the client", () => {
    for (const [method, path, op] of operations(spec)) {
      const { source } = samples.find((s) => s.operationId === op.operationId)!;
      const params = ((doc.paths[path][method].parameters ?? []) as Parameter[]).map((p) => resolveParam(doc, p));
      for (const param of params) {
        if (param.name === "User-Agent") {
          expect(source, op.operationId).not.toContain("User-Agent");
          continue;
        }
        const value = param.example ?? Object.values(param.examples ?? {})[0]?.value;
        if (value === undefined) {
          // An optional parameter without an example is left out of the sample.
          expect(param.required, `${op.operationId} ${param.name}`).not.toBe(true);
          expect(source, `${op.operationId} ${param.name}`).not.toContain(`${param.name}:`);
          continue;
        }
        expect(source, `${op.operationId} ${param.name}`).toContain(`${param.name}: ${shown(value)}`);
      }
    }
  });

  it("read credentials from the environment, never from the spec's placeholders, and never print a token", () => {
    const placeholders = JSON.stringify(doc).match(/"(client_secret|refresh_token|access_token)":"([^"]+)"/g) ?? [];
    expect(placeholders.length).toBeGreaterThan(0);
    for (const { source, operationId } of samples) {
      expect(source, operationId).toContain(`clientId: process.env.${envPrefix}_CLIENT_ID!`);
      expect(source, operationId).toContain(`clientSecret: process.env.${envPrefix}_CLIENT_SECRET!`);
      for (const placeholder of placeholders) {
        const value = JSON.parse(`{${placeholder}}`) as Record<string, string>;
        expect(source, operationId).not.toContain(Object.values(value)[0]);
      }
      // A token response is printed only by a non-secret field (its lifetime), never whole.
      const printsTokens = responseFields(doc, operationId).some((f) => /^(access_token|refresh_token)$/.test(f));
      for (const [, logged] of source.matchAll(/console\.log\(([^)]*)\)/g)) {
        expect(logged, operationId).not.toMatch(/access_token|refresh_token|client_secret/);
        if (printsTokens) expect(logged, operationId).toMatch(/^\w+\.expires_in$/);
      }
    }
    const grants = samples.filter((s) => /client_secret:/.test(s.source));
    expect(grants.length).toBeGreaterThan(0);
    for (const { source } of grants) expect(source).toContain(`client_secret: process.env.${envPrefix}_CLIENT_SECRET!`);
  });

  it("compile against the built client", () => {
    const files = samples.map((s) => writeSample(s.operationId, s.source));
    expect(typeCheckSamples(files)).toEqual([]);
  });
});

describe("the type check", () => {
  const { spec } = readBundle("ycm");
  const good = sampleSource("ycm", spec, "get", "/dm/open_api/v1/users/{userId}");

  it("rejects a sample with a wrong parameter name, naming the operation and the compiler's message", () => {
    expect(good).toContain("userId: 13123");
    const broken = writeSample("getYcmUser", good.replace("userId: 13123", "userID: 13123"));
    const problems = typeCheckSamples([broken]);
    expect(problems.length).toBeGreaterThan(0);
    expect(problems[0]).toMatchObject({ operationId: "getYcmUser", file: broken.file });
    expect(problems[0]!.message).toMatch(/^TS\d+: .*userID/s);
    const report = describeProblems(problems);
    expect(report).toContain("code sample of getYcmUser");
    expect(report).toContain("does not compile");
    expect(report).toContain("userID");
  });

  it("rejects a path the API does not have, a wrong value type and an unknown export", () => {
    const problems = typeCheckSamples([
      writeSample("wrongPath", good.replace("/dm/open_api/v1/users/{userId}", "/dm/open_api/v1/user/{userId}")),
      writeSample("wrongType", good.replace("userId: 13123", 'userId: "13123"')),
      writeSample("wrongExport", good.replaceAll("createYcmClient", "createYcmApiClient")),
    ]);
    expect(new Set(problems.map((p) => p.operationId))).toEqual(new Set(["wrongPath", "wrongType", "wrongExport"]));
  });

  it("accepts the same sample unbroken", () => {
    expect(typeCheckSamples([writeSample("getYcmUser", good)])).toEqual([]);
  });
});

describe("the generator", () => {
  const base = (body: unknown, parameters: unknown[] = []) => ({
    openapi: "3.1.0",
    servers: [{ url: "https://example.test" }],
    paths: {
      "/things": {
        post: {
          operationId: "createThing",
          parameters,
          requestBody: { required: true, content: { "application/json": { example: body } } },
          responses: { "200": { description: "ok" } },
        },
      },
    },
  });

  it("refuses a body field that looks like a credential but has no environment variable", () => {
    expect(() => sampleSource("ycm", base({ api_key: "k-123" }), "post", "/things")).toThrow(/createThing: body\.api_key looks like a credential/);
  });

  it("refuses a required parameter without an example", () => {
    const param = { name: "thingId", in: "query", required: true, schema: { type: "integer" } };
    expect(() => sampleSource("ycm", base({ name: "a" }, [param]), "post", "/things")).toThrow(/createThing: required query parameter "thingId" has no example/);
  });
});
