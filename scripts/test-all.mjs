// `pnpm test`: lints and tests every package through turbo, then prints one closing line that
// adds up every package's vitest results ("Tests: N passed, N failed, N skipped"), so a reader
// (or CI) sees the whole run at a glance. Each package's vitest writes test-results/vitest.json.
import { runFiltered } from "./quiet-output.mjs";
import { existsSync, readFileSync, readdirSync, rmSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const repoRoot = join(dirname(fileURLToPath(import.meta.url)), "..");

// The workspace folders of pnpm-workspace.yaml.
const children = (folder) => readdirSync(join(repoRoot, folder)).map((name) => join(repoRoot, folder, name));
const packageDirs = [join(repoRoot, "spec"), ...children("packages"), join(repoRoot, "examples"), join(repoRoot, "bench"), ...children("tests")];
const resultFile = (dir) => join(dir, "test-results", "vitest.json");

// Results of an earlier run must not be counted again.
for (const dir of packageDirs) rmSync(join(dir, "test-results"), { recursive: true, force: true });

const turbo = join(repoRoot, "node_modules", ".bin", "turbo");
// Plain text when the output goes to a file or a pipe (CI logs, `| less`): no colour codes.
const plain = !process.stdout.isTTY;
// --continue: one failing package must not hide the others' results. Two tasks at a time: the
// suites start servers, compilers and Chromium, and two cores shared by more only make every
// hang guard tighter without finishing sooner. new-only: a cached build's logs are not replayed.
const args = ["run", "lint", "test", "--continue", "--concurrency=2", "--output-logs=new-only", ...(plain ? ["--no-color"] : []), ...process.argv.slice(2)];
const run = await runFiltered(turbo, args, { cwd: repoRoot, env: plain ? { ...process.env, NO_COLOR: "1" } : process.env });

const totals = { passed: 0, failed: 0, skipped: 0 };
const missing = [];
// A run whose tests all pass can still fail: type errors (vitest --typecheck), a lint task.
const unsuccessful = [];
for (const dir of packageDirs) {
  if (!existsSync(join(dir, "package.json"))) continue;
  const scripts = JSON.parse(readFileSync(join(dir, "package.json"), "utf8")).scripts ?? {};
  if (!scripts.test) continue;
  if (!existsSync(resultFile(dir))) {
    missing.push(dir.slice(repoRoot.length + 1));
    continue;
  }
  const report = JSON.parse(readFileSync(resultFile(dir), "utf8"));
  totals.passed += report.numPassedTests ?? 0;
  totals.failed += report.numFailedTests ?? 0;
  totals.skipped += (report.numPendingTests ?? 0) + (report.numTodoTests ?? 0);
  if (report.success === false) unsuccessful.push(dir.slice(repoRoot.length + 1));
}
if (missing.length) console.log(`no test results from: ${missing.join(", ")}`);
const status = run.status;
if (unsuccessful.length) console.log(`vitest reported a failure beyond failed tests (e.g. type errors) in: ${unsuccessful.join(", ")}`);
if (status !== 0) console.log(`turbo exited with ${status}: the failing lint or test tasks are listed under "Failed:" above`);
console.log(`Tests: ${totals.passed} passed, ${totals.failed} failed, ${totals.skipped} skipped`);
process.exit(status !== 0 ? status : missing.length || unsuccessful.length || totals.failed || totals.passed === 0 ? 1 : 0);
