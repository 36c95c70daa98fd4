// CONTRIBUTING.md's walk, proven: a new GET endpoint added to a copy of the spec as the guide
// says lints clean, bundles, generates types and client metadata, and the client then calls it
// with typed parameters and a typed response, while a wrong call does not compile.
import { spawnSync } from "node:child_process";
import { cpSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
// @ts-expect-error: plain ESM script without type declarations
import { redocly } from "../../../spec/scripts/redocly.mjs";
// @ts-expect-error: plain ESM script without type declarations
import { generatedHeader } from "../../../spec/scripts/generated-file.mjs";
// @ts-expect-error: plain ESM script without type declarations
import { clientMeta } from "../../../packages/client/scripts/generate-meta.mjs";
import { addFixtureEndpoint, copySpec, FIXTURE, fixturePathFile, removeCopies, repoRoot } from "./fixture-endpoint.js";
// @ts-expect-error: plain ESM script without type declarations
import { unreachableFiles } from "../../../spec/scripts/reachable.mjs";
// @ts-expect-error: plain ESM script without type declarations
import { typesFromBundle } from "../../../packages/types/scripts/generate.mjs";
import { typeErrors } from "./type-check.js";

afterAll(removeCopies);

function lint(root: string) {
  return spawnSync(process.execPath, [join(repoRoot, "spec", "scripts", "lint.mjs"), "--root", root], { encoding: "utf8" });
}

// Code a user writes against the new endpoint: the call as it should be (no User-Agent, which
// the client manages; a typed path parameter; a typed response), and mistakes the compiler must
// refuse, each with the error TypeScript gives for it.
const CORRECT = `
    const { data } = await ycm.GET("${FIXTURE.path}", { params: { path: { deviceId: 42 } } });
    const device: YcmFixtureDevice = data.data;
    const name: string = data.data.name;
    const online: boolean | undefined = data.data.online;
    return [device, name, online];`;
const MISTAKES = {
  wrongParameterType: { error: "TS2322", body: `await ycm.GET("${FIXTURE.path}", { params: { path: { deviceId: "42" } } });` },
  wrongParameterName: { error: "TS2561", body: `await ycm.GET("${FIXTURE.path}", { params: { path: { device: 42 } } });` },
  missingParameter: { error: "TS2554", body: `await ycm.GET("${FIXTURE.path}");` },
  unknownResponseField: {
    error: "TS2339",
    body: `
    const { data } = await ycm.GET("${FIXTURE.path}", { params: { path: { deviceId: 42 } } });
    return data.data.colour;`,
  },
  misspelledPath: { error: "TS2345", body: `await ycm.GET("/dm/open_api/v1/fixture/device/{deviceId}", { params: { path: { deviceId: 42 } } });` },
};
const SNIPPETS: Record<string, string> = { ok: CORRECT, ...Object.fromEntries(Object.entries(MISTAKES).map(([name, { body }]) => [name, body])) };

// Every snippet shares these lines; an error in them would be a broken setup, not a refused call.
const SNIPPET_HEADER = [
  'import type { ManagedPaths, YeastarClient } from "@yeastar-openapi/client";',
  `import type { paths, YcmFixtureDevice } from "../types/${FIXTURE.api}.js";`,
  "export async function call(ycm: YeastarClient<ManagedPaths<paths>>) {",
];

describe("adding a GET endpoint as CONTRIBUTING.md says", () => {
  // The whole walk runs once, in order, in a temporary copy; each test checks one step's result.
  const walk = {} as {
    root: string;
    lint: ReturnType<typeof lint>;
    bundle: { status: number; output: string; doc: { paths: Record<string, unknown>; components: { schemas: Record<string, unknown> } } };
    types: string;
    typeErrors: Map<string, string[]>;
  };
  const snippetFile = (name: string) => join(walk.root, "check", `${name}.ts`);

  beforeAll(async () => {
    walk.root = copySpec();
    const { root } = walk;
    // Steps 1-4: the path file, its components, the root openapi.yaml entries, the examples.
    addFixtureEndpoint(root);
    walk.lint = lint(root);
    // Step 5, as `pnpm build` does it: bundle, then generate.
    const out = join(root, "spec", "dist", `${FIXTURE.api}.openapi.json`);
    const bundled = redocly(["bundle", FIXTURE.api, "--output", out, "--ext", "json"], { cwd: join(root, "spec"), quiet: true });
    walk.bundle = { ...bundled, doc: JSON.parse(readFileSync(out, "utf8")) };
    walk.types = await typesFromBundle(walk.bundle.doc);
    mkdirSync(join(root, "types"));
    writeFileSync(join(root, "types", `${FIXTURE.api}.ts`), generatedHeader({ generator: "packages/types/scripts/generate.mjs", from: `spec/${FIXTURE.api}` }) + walk.types);
    // The generated types import the Long type (`Int64`) from beside their folder, as in packages/types/src.
    cpSync(join(repoRoot, "packages", "types", "src", "int64.ts"), join(root, "int64.ts"));
    // A user's code against the new types.
    mkdirSync(join(root, "check"));
    writeFileSync(join(root, "package.json"), JSON.stringify({ type: "module" }));
    for (const [name, body] of Object.entries(SNIPPETS)) writeFileSync(snippetFile(name), [...SNIPPET_HEADER, body, "}", ""].join("\n"));
    walk.typeErrors = typeErrors(Object.keys(SNIPPETS).map(snippetFile));
  });

  test("steps 1-4: the path file, its components and the root openapi.yaml entries lint clean", () => {
    expect(walk.lint.stderr).toBe("");
    expect(walk.lint.status).toBe(0);
  });

  test("step 5: it bundles, with the new path and its named schemas", () => {
    expect(walk.bundle.output).not.toMatch(/error|warning/i);
    expect(walk.bundle.status).toBe(0);
    expect(Object.keys(walk.bundle.doc.paths)).toContain(FIXTURE.path);
    expect(Object.keys(walk.bundle.doc.components.schemas)).toEqual(expect.arrayContaining(Object.keys(FIXTURE.schemas)));
  });

  test("step 5: the generated types have the new path and a named YcmFixtureDevice", () => {
    expect(walk.types).toContain(`"${FIXTURE.path}": {`);
    expect(walk.types).toMatch(/export interface YcmFixtureDevice \{/);
    expect(walk.types).toContain("YcmFixtureDevice: YcmFixtureDevice;");
  });

  test("step 5: the generated client metadata knows the operation, that it needs a token, and its limits", () => {
    // Only what differs from the usual is written: no `noAuth` (it needs a token), no `form`, no `pageParam`.
    const meta = clientMeta(walk.bundle.doc).operations.GET?.[FIXTURE.path];
    expect(meta).toEqual({ path: { deviceId: { required: true, type: "integer", minimum: 0 } } });
  });

  test("the client calls it: a correct call compiles, with the response typed as YcmFixtureDevice", () => {
    const elsewhere = [...walk.typeErrors.entries()].filter(([file, errors]) => !file.startsWith(join(walk.root, "check")) && errors.length > 0);
    expect(elsewhere).toEqual([]);
    expect(walk.typeErrors.get(snippetFile("ok"))).toEqual([]);
  });

  test.each(Object.entries(MISTAKES))("the client refuses a mistake: %s does not compile", (name, { error }) => {
    const errors = walk.typeErrors.get(snippetFile(name)) ?? [];
    expect(errors).toContainEqual(expect.stringMatching(new RegExp(`^${error} `)));
    // On the call itself, not in the shared setup lines (a missing module would be there).
    const firstCallLine = SNIPPET_HEADER.length + 1;
    expect(errors.filter((text) => Number(/^TS\d+ line (\d+):/.exec(text)?.[1]) < firstCallLine)).toEqual([]);
  });
});

test("step 4 enforced: an example that does not match its schema fails the lint, naming the rule", () => {
  const root = copySpec();
  addFixtureEndpoint(root);
  const file = fixturePathFile(root);
  const source = readFileSync(file, "utf8");
  const broken = source.replace("              name: Front desk PBX\n", "");
  expect(broken).not.toBe(source);
  writeFileSync(file, broken);
  const run = lint(root);
  expect(run.stdout).toMatch(/no-invalid-media-type-examples/);
  expect(run.stdout).toContain("must have required property 'name'");
  expect(run.stderr).toMatch(/^spec lint failed/);
  expect(run.status).toBe(1);
});

test("skipping step 3's `paths:` entry leaves the path file unreachable, and that is caught", () => {
  const root = copySpec();
  expect(unreachableFiles(join(root, "spec", FIXTURE.api))).toEqual([]);
  addFixtureEndpoint(root, { registerPath: false });
  // Redocly only reads what the root reaches: the forgotten path file is simply not in the API.
  expect(unreachableFiles(join(root, "spec", FIXTURE.api))).toEqual([FIXTURE.pathFile]);
});

test.each(["ycm", "workplace"])("every YAML file under spec/%s is reached from its openapi.yaml", (api) => {
  expect(unreachableFiles(join(repoRoot, "spec", api))).toEqual([]);
});

test("the walk leaves the repository's spec and generated types untouched", () => {
  expect(readFileSync(join(repoRoot, "spec", "ycm", "openapi.yaml"), "utf8")).not.toContain("Fixture");
  expect(readFileSync(join(repoRoot, "packages", "types", "src", "generated", "ycm.ts"), "utf8")).not.toContain("Fixture");
});
