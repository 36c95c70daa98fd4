#!/usr/bin/env node
// Checks that every publishable workspace package carries the same shared metadata (license,
// repository, homepage, bugs, engines, module type, publish access...), taken from ONE template
// below, so hand-copied fields cannot drift apart. `--write` fixes them in place.
//
//   node scripts/check-package-metadata.mjs            check; exit 1 and list every mismatch
//   node scripts/check-package-metadata.mjs --write    fix what the template decides
//   --root <dir>                                       another checkout (the tests use a copy)
//
// Publishable = listed in pnpm-workspace.yaml and not `"private": true`. A package's own facts
// (description, extra keywords, exports, files beyond dist) stay in its package.json; only their
// presence is checked here.
import { existsSync, readFileSync, readdirSync, writeFileSync } from "node:fs";
import { dirname, join, relative, resolve, sep } from "node:path";
import { fileURLToPath } from "node:url";
import { parse } from "yaml";

// The public home of the project. ASSUMPTION until the repository is published: change it here only.
export const REPOSITORY = "https://github.com/yeastar-openapi/yeastar-openapi";

/** The shared fields, for a package in `dir` (posix path relative to the repository root). */
export function template(dir) {
  return {
    homepage: `${REPOSITORY}/tree/main/${dir}#readme`,
    bugs: { url: `${REPOSITORY}/issues` },
    // `git+https:` and `.git` are the form npm normalises to; `directory` points into the monorepo.
    repository: { type: "git", url: `git+${REPOSITORY}.git`, directory: dir },
    license: "MIT",
    type: "module",
    // None of the published entry points runs code on import (the mock's CLI is a bin, not an export).
    sideEffects: false,
    engines: { node: ">=20.19" },
    // Scoped packages are private on the registry unless published with public access.
    publishConfig: { access: "public" },
  };
}

/** Every publishable package lists these (it may add its own after them). */
export const BASE_KEYWORDS = ["yeastar", "ycm", "yeastar-workplace", "openapi"];

// Where a missing field goes, so written files read in the usual npm order.
const ORDER = ["name", "version", "private", "description", "keywords", "homepage", "bugs", "repository", "license", "type", "sideEffects", "engines"];

const defaultRoot = resolve(dirname(fileURLToPath(import.meta.url)), "..");

/** Every workspace package's folder at `root`, relative to it (posix), private ones included. */
export function workspaceDirs(root) {
  const workspace = parse(readFileSync(join(root, "pnpm-workspace.yaml"), "utf8"));
  const dirs = [];
  for (const pattern of workspace.packages ?? []) {
    // Our workspace only uses `folder` and `folder/*`; anything richer must be taught here, not guessed.
    if (pattern.endsWith("/*") && !pattern.slice(0, -2).includes("*")) {
      const parent = join(root, pattern.slice(0, -2));
      if (!existsSync(parent)) continue;
      for (const entry of readdirSync(parent, { withFileTypes: true })) {
        if (entry.isDirectory()) dirs.push(join(parent, entry.name));
      }
    } else if (!pattern.includes("*")) {
      dirs.push(join(root, pattern));
    } else {
      throw new Error(`pnpm-workspace.yaml: unsupported pattern "${pattern}" (only "folder" and "folder/*")`);
    }
  }
  return dirs
    .filter((dir) => existsSync(join(dir, "package.json")))
    .map((dir) => relative(root, dir).split(sep).join("/"))
    .sort((a, b) => a.localeCompare(b));
}

/** The publishable packages of the workspace at `root`: [{ dir, file, pkg }]. */
export function publishablePackages(root) {
  return workspaceDirs(root)
    .map((dir) => {
      const file = join(root, dir, "package.json");
      return { root, dir, file, pkg: JSON.parse(readFileSync(file, "utf8")) };
    })
    .filter(({ pkg }) => pkg.private !== true);
}

const same = (a, b) => JSON.stringify(a) === JSON.stringify(b);

/** The problems of one package, each `{ field, message, fix? }`; `fix(pkg)` returns the fixed value. */
export function problemsOf({ dir, pkg }) {
  const problems = [];
  for (const [field, expected] of Object.entries(template(dir))) {
    if (!same(pkg[field], expected)) {
      problems.push({ field, message: `is ${JSON.stringify(pkg[field])}, expected ${JSON.stringify(expected)}`, fix: () => expected });
    }
  }
  const keywords = Array.isArray(pkg.keywords) ? pkg.keywords : [];
  const missing = BASE_KEYWORDS.filter((keyword) => !keywords.includes(keyword));
  if (!Array.isArray(pkg.keywords) || missing.length) {
    problems.push({
      field: "keywords",
      message: `lacks ${missing.map((k) => JSON.stringify(k)).join(", ")}`,
      fix: () => [...BASE_KEYWORDS, ...keywords.filter((k) => !BASE_KEYWORDS.includes(k))],
    });
  }
  if (typeof pkg.description !== "string" || !pkg.description.includes("Yeastar")) {
    problems.push({ field: "description", message: "must say, in a sentence naming Yeastar, what the package is (not fixable by --write)" });
  }
  if (!Array.isArray(pkg.files) || !pkg.files.includes("dist")) {
    problems.push({
      field: "files",
      message: `is ${JSON.stringify(pkg.files)}: must list "dist" (the built files are what consumers import)`,
      fix: () => [...new Set(["dist", ...(Array.isArray(pkg.files) ? pkg.files : [])])],
    });
  }
  return problems;
}

/**
 * Files every published package ships beside its package.json: npm packs only the package's own
 * folder, and MIT asks for the notice to travel with the code. Each `{ file, message, fix? }`.
 */
export function fileProblemsOf({ root, dir }) {
  const problems = [];
  const license = readFileSync(join(root, "LICENSE"), "utf8");
  const own = join(root, dir, "LICENSE");
  if (!existsSync(own) || readFileSync(own, "utf8") !== license) {
    problems.push({ file: `${dir}/LICENSE`, message: "must be a copy of the root LICENSE", fix: () => writeFileSync(own, license) });
  }
  if (!existsSync(join(root, dir, "README.md"))) {
    problems.push({ file: `${dir}/README.md`, message: "is missing: the registry page shows it (not fixable by --write)" });
  }
  return problems;
}

/** `pkg` with `field` set to `value`; a new field lands after its predecessor in ORDER. */
export function withField(pkg, field, value) {
  if (field in pkg) return { ...pkg, [field]: value };
  const rank = ORDER.indexOf(field);
  const predecessors = rank < 0 ? [] : ORDER.slice(0, rank);
  const keys = Object.keys(pkg);
  let at = keys.length;
  if (rank >= 0) {
    const last = keys.reduce((found, key, index) => (predecessors.includes(key) ? index : found), -1);
    at = last + 1;
  }
  const entries = Object.entries(pkg);
  entries.splice(at, 0, [field, value]);
  return Object.fromEntries(entries);
}

function main(argv) {
  const write = argv.includes("--write");
  const rootAt = argv.indexOf("--root");
  const root = rootAt >= 0 ? resolve(argv[rootAt + 1] ?? "") : defaultRoot;
  const packages = publishablePackages(root);
  if (packages.length === 0) {
    console.error(`check-package-metadata: no publishable package found under ${root}`);
    return 1;
  }
  let unfixed = 0;
  for (const entry of packages) {
    const problems = problemsOf(entry);
    let pkg = entry.pkg;
    for (const problem of problems) {
      const fixed = write && problem.fix;
      if (fixed) pkg = withField(pkg, problem.field, problem.fix(pkg));
      else unfixed++;
      console.log(`${entry.dir}/package.json: ${problem.field} ${problem.message}${fixed ? " (fixed)" : ""}`);
    }
    if (write && pkg !== entry.pkg) writeFileSync(entry.file, `${JSON.stringify(pkg, null, 2)}\n`);
    for (const problem of fileProblemsOf(entry)) {
      const fixed = write && problem.fix;
      if (fixed) problem.fix();
      else unfixed++;
      console.log(`${problem.file} ${problem.message}${fixed ? " (fixed)" : ""}`);
    }
  }
  const names = packages.map((p) => p.pkg.name).join(", ");
  if (unfixed) {
    console.log(`check-package-metadata: ${unfixed} problem(s) in ${names}${write ? "" : "; `node scripts/check-package-metadata.mjs --write` fixes the shared fields"}`);
    return 1;
  }
  console.log(`check-package-metadata: ${packages.length} publishable packages agree with the template (${names})`);
  return 0;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  process.exitCode = main(process.argv.slice(2));
}
