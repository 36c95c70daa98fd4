// "Derive, don't restate": the spec model (packages/spec-model) is the one place that resolves a
// `$ref` and lists the HTTP methods of a path item, and the spec is the one place that spells
// YCM's error codes. This scans every hand-written source file (generated files, builds and
// fixtures aside) for a second resolver, a second method list or a code written out, and fails
// naming the file and line.
import { readdirSync, readFileSync } from "node:fs";
import { join, relative } from "node:path";
import { expect, test } from "vitest";

const repoRoot = join(import.meta.dirname, "..", "..", "..");
const SKIP_DIRS = new Set(["node_modules", "dist", "generated", ".build", ".turbo", "fixtures", "test-results", "coverage"]);
const SOURCE = /\.(ts|mts|cts|mjs|cjs|js)$/;
// The one model itself.
const MODEL = "packages/spec-model/";

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    if (entry.name.startsWith(".") || SKIP_DIRS.has(entry.name)) return [];
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return SOURCE.test(entry.name) ? [path] : [];
  });
}

const files = ["spec", "packages", "bench", "examples", "scripts", "tests"]
  .flatMap((top) => sourceFiles(join(repoRoot, top)))
  .map((file) => ({ file: relative(repoRoot, file), text: readFileSync(file, "utf8") }))
  .filter(({ file }) => !file.startsWith(MODEL) && file !== relative(repoRoot, import.meta.filename));
const isTest = (file: string) => /(^|\/)test\//.test(file);

/** Comments blanked out (line numbers kept), so a code named in prose is not code. */
function code(text: string): string {
  return text
    .replace(/\/\*[\s\S]*?\*\//g, (c) => c.replace(/[^\n]/g, " "))
    .replace(/(^|[^:"'`\\])\/\/[^\n]*/g, (_, before: string) => before);
}

function lineOf(text: string, index: number): number {
  return text.slice(0, index).split("\n").length;
}

const OPENAPI_METHOD = /["'](get|put|post|delete|options|head|patch|trace)["']/g;

/** Array literals naming four or more of a path item's method keys: a list of HTTP methods. */
export function methodLists(text: string): number[] {
  const body = code(text);
  const found: number[] = [];
  for (const m of body.matchAll(/\[[^[\]]*\]/g)) {
    const names = new Set([...m[0].matchAll(OPENAPI_METHOD)].map((n) => n[1]));
    if (names.size >= 4) found.push(lineOf(body, m.index));
  }
  return found;
}

// A second resolver: a `$ref` split on "/" and followed, a JSON Pointer walked through a document
// with reduce, or a document path escaped by hand into a pointer ("/" -> "~1").
const RESOLVING = [
  /\$ref[^\n]{0,200}?\.split\(\s*["']\/["']\s*\)/g,
  /\.split\(\s*["']\/["']\s*\)[^;]{0,120}?\.reduce\(/g,
  /\.replace\(\s*\/\\\/\/g\s*,\s*["']~1["']\s*\)/g,
];

/** Lines that resolve a `$ref` or walk a JSON Pointer by hand: a second `$ref` resolver. */
export function refResolvers(text: string): number[] {
  const body = code(text);
  return [...new Set(RESOLVING.flatMap((re) => [...body.matchAll(re)].map((m) => lineOf(body, m.index))))].sort((a, b) => a - b);
}

/** YCM's error codes (1000001..2000024: seven digits starting 10000 or 20000) written as numbers or strings. */
export function errorCodes(text: string): number[] {
  const body = code(text);
  return [...body.matchAll(/(?<![\w.])[12]0000\d\d(?![\w.])/g)].map((m) => lineOf(body, m.index));
}

const where = (rule: (text: string) => number[], only = (_file: string) => true) =>
  files.filter(({ file }) => only(file)).flatMap(({ file, text }) => rule(text).map((line) => `${file}:${line}`));

test("the scan reads the repository's sources", () => {
  expect(files.length).toBeGreaterThan(50);
  expect(files.some(({ file }) => file === "packages/client/scripts/generate-meta.mjs")).toBe(true);
});

test("each rule finds what it looks for", () => {
  expect(methodLists(`const m = ["get", "put", "post", "delete", "patch"];`)).toEqual([1]);
  expect(methodLists(`const m = ["GET", "POST"]; // ["get", "put", "post", "delete"]`)).toEqual([]);
  expect(refResolvers(`x\nnode.$ref.slice(2).split("/").reduce((a, k) => a[k], doc)`)).toEqual([2]);
  expect(refResolvers(`const at = pointer.slice(1).split("/").reduce((node, key) => node[key], doc);`)).toEqual([1]);
  expect(refResolvers(`path.replace(/\\//g, "~1")`)).toEqual([1]);
  expect(refResolvers(`const name = error.instancePath.split("/")[1]?.replace(/~1/g, "/");`)).toEqual([]);
  expect(refResolvers(`const where = "/responses/200/content/application~1json/example";`)).toEqual([]);
  expect(errorCodes(`const TOKEN_EXPIRED = 1000035;\nconst t = "2000016";`)).toEqual([1, 2]);
  expect(errorCodes(`/** e.g. 1000035 */ const port = 10000; const big = 100000350;`)).toEqual([]);
});

test("no module but the spec model lists the HTTP methods of a path item", () => {
  expect(where(methodLists)).toEqual([]);
});

test("no module but the spec model resolves a $ref", () => {
  expect(where(refResolvers)).toEqual([]);
});

test("no hand-written source spells a YCM error code (the spec does; tests may use them as data)", () => {
  expect(where(errorCodes, (file) => !isTest(file))).toEqual([]);
});
