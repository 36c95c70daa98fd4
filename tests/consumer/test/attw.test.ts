// Are the Types Wrong (`attw --pack`, strict profile: node10, node16 from CJS and from ESM, bundler)
// on each publishable package: every export must resolve to declarations of the right module format.
//
// @yeastar-openapi/spec exports only JSON (the bundled OpenAPI documents) and ships no declarations,
// so attw has nothing to analyse: it answers `"types": false` even when given the entry points
// explicitly. That answer is asserted (if the spec ever ships types, this test demands the full
// analysis instead), and runtime.test.ts checks that its JSON exports load through require and import.
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { run } from "./support/run.js";
import { exportTargets, fixtures, publishable, repoRoot, tools } from "./support/workspace.js";

interface AttwReport {
  analysis: {
    types: false | { kind: string };
    entrypoints?: Record<string, unknown>;
    problems?: { kind: string; entrypoint: string; resolutionKind?: string }[];
  };
}

async function attw(dir: string): Promise<{ code: number; report: AttwReport; problems: string[] }> {
  const result = await run(tools.attw, ["--pack", dir, "--format", "json"], { cwd: repoRoot });
  let report: AttwReport;
  try {
    report = JSON.parse(result.stdout) as AttwReport;
  } catch {
    throw new Error(`attw --pack ${dir} printed no JSON (exit ${result.code}): ${result.stderr || result.stdout}`);
  }
  const problems = (report.analysis.problems ?? []).map((p) => `${p.kind} ${p.entrypoint} ${p.resolutionKind ?? ""}`.trim());
  return { code: result.code, report, problems };
}

const jsonOnly = (exports: unknown) => exportTargets(exports).every((target) => target.endsWith(".json"));
const typed = publishable.filter((p) => !jsonOnly(p.exports));
const untyped = publishable.filter((p) => jsonOnly(p.exports));

describe("attw --pack", () => {
  it("sorts the packages: the spec is the JSON-only one", () => {
    expect(untyped.map((p) => p.name)).toEqual(["@yeastar-openapi/spec"]);
  });

  it.each(typed)("finds no problem in $name and analyses each of its exports", async ({ dir, exports }) => {
    const { code, report, problems } = await attw(dir);
    expect(problems).toEqual([]);
    // "types": false would also exit 0: e.g. when dist/ is missing (not built, or being rebuilt).
    expect(report.analysis.types).toEqual({ kind: "included" });
    expect(Object.keys(report.analysis.entrypoints ?? {}).sort()).toEqual(Object.keys(exports as object).sort());
    expect(code).toBe(0);
  });

  it.each(untyped)("has no declarations to analyse in $name (JSON exports only)", async ({ dir }) => {
    const { code, report } = await attw(dir);
    expect(report.analysis.types).toBe(false);
    expect(code).toBe(0);
  });

  // Proves the check can fail: files in lib/ reachable only through `exports`, ESM-only.
  it("reports the problems of a deliberately broken package", async () => {
    const { code, problems } = await attw(join(fixtures, "broken-package"));
    expect(problems).toEqual(
      expect.arrayContaining(["NoResolution ./sub node10", "CJSResolvesToESM . node16-cjs", "CJSResolvesToESM ./sub node16-cjs"]),
    );
    expect(code).not.toBe(0);
  });
});
