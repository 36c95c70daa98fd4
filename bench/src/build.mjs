// Part 4: the build. Turbo runs with a throwaway cache (--cache-dir in a temp dir) so "cold"
// means cold without emptying anyone's real cache:
//   cold      every task runs
//   cached    nothing changed: every task is a cache hit (median of a few runs)
//   one edit  one line of one spec path file changed: the tasks that depend on it rerun
// The edit is undone in a finally block and a last cached build puts the generated files back,
// so the tree is left as it was found. CI is removed from the environment: in CI mode the build
// rightly refuses a spec edit whose generated files were not regenerated.
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import { median } from "./stats.mjs";

const ROOT = fileURLToPath(new URL("../../", import.meta.url));
const TURBO = join(ROOT, "node_modules/.bin/turbo");
export const EDITED_FILE = "spec/ycm/paths/dm_open_api_v1_users_{userId}.yaml";
const GENERATED_DIRS = ["packages/types/src/generated", "packages/client/src/generated"];
export const CACHED_TARGET_MS = 3_000;

export async function runBuild({ cachedRuns = 3, log = console.log } = {}) {
  const cacheDir = mkdtempSync(join(tmpdir(), "yeastar-bench-turbo-"));
  const env = { ...process.env };
  delete env.CI;
  const turbo = (...args) => runTurbo([...args, `--cache-dir=${cacheDir}`], env);
  const editedPath = join(ROOT, EDITED_FILE);
  const original = readFileSync(editedPath, "utf8");
  const generated = snapshot(GENERATED_DIRS);
  try {
    log("  build: cold (empty cache)");
    const cold = turbo("run", "build", "--summarize");
    log(`  build: cached x${cachedRuns}`);
    const cachedRunsResult = Array.from({ length: cachedRuns }, () => turbo("run", "build"));
    const { text: edited, line } = editOneLine(original);
    writeFileSync(editedPath, edited);
    log(`  build: after editing ${EDITED_FILE} line ${line}`);
    const plan = dryRun(cacheDir, env);
    const afterEdit = turbo("run", "build", "--summarize");
    const downstream = downstreamOf(plan, "@yeastar-openapi/spec#build");
    return {
      cacheDir: "a fresh temporary directory",
      cold,
      cached: { runs: cachedRunsResult, wall: median(cachedRunsResult.map((r) => r.wall)) },
      edit: {
        file: EDITED_FILE,
        line,
        rerun: plan.filter((t) => t.status === "MISS").map((t) => t.task),
        cached: plan.filter((t) => t.status === "HIT").map((t) => t.task),
        // The claim to check: what reran is exactly what depends on the spec, nothing else.
        onlyDependents: sameSet(plan.filter((t) => t.status === "MISS").map((t) => t.task), downstream),
        dependents: downstream,
        ...afterEdit,
      },
    };
  } finally {
    writeFileSync(editedPath, original);
    // A cache hit replays the generated files of the unedited spec; then nothing is left changed.
    try {
      turbo("run", "build");
    } finally {
      restore(generated);
      rmSync(cacheDir, { recursive: true, force: true });
    }
  }
}

function runTurbo(args, env) {
  const start = performance.now();
  const result = spawnSync(TURBO, [...args, "--output-logs=errors-only", "--ui=stream"], { cwd: ROOT, env, encoding: "utf8", maxBuffer: 64 * 2 ** 20 });
  const wall = performance.now() - start;
  const output = `${result.stdout}${result.stderr}`;
  if (result.status !== 0) throw new Error(`turbo ${args.join(" ")} failed (exit ${result.status}):\n${output.slice(-4000)}`);
  const summary = /Cached:\s+(\d+) cached, (\d+) total/.exec(output);
  return { wall, cachedTasks: Number(summary?.[1] ?? Number.NaN), totalTasks: Number(summary?.[2] ?? Number.NaN), tasks: taskTimes(output) };
}

// With --summarize turbo writes a run summary (under .turbo/, ignored by git): read each task's
// own time from it, then delete it.
function taskTimes(output) {
  const file = /Summary:\s+(\S+\.json)/.exec(output)?.[1];
  if (!file) return undefined;
  try {
    const summary = JSON.parse(readFileSync(file, "utf8"));
    return summary.tasks
      .filter((task) => task.execution)
      .map((task) => ({ task: task.taskId, ms: task.execution.endTime - task.execution.startTime, cache: task.cache.status }))
      .sort((a, b) => a.task.localeCompare(b.task));
  } finally {
    rmSync(file, { force: true });
  }
}

// What turbo is about to do: the tasks with a command and whether each is a cache hit.
function dryRun(cacheDir, env) {
  const result = spawnSync(TURBO, ["run", "build", "--dry=json", `--cache-dir=${cacheDir}`], { cwd: ROOT, env, encoding: "utf8", maxBuffer: 64 * 2 ** 20 });
  if (result.status !== 0) throw new Error(`turbo --dry=json failed:\n${result.stderr}`);
  return JSON.parse(result.stdout)
    .tasks.filter((task) => task.command !== "<NONEXISTENT>")
    .map((task) => ({ task: task.taskId, status: task.cache.status, dependencies: task.dependencies }));
}

// `root` and every task that depends on it, directly or not.
function downstreamOf(plan, root) {
  const found = new Set([root]);
  for (let grew = true; grew; ) {
    grew = false;
    for (const { task, dependencies } of plan) {
      if (!found.has(task) && dependencies.some((d) => found.has(d))) {
        found.add(task);
        grew = true;
      }
    }
  }
  return [...found].filter((task) => plan.some((t) => t.task === task)).sort();
}

const sameSet = (a, b) => a.length === b.length && a.every((x) => b.includes(x));

// A one-line documentation edit: the operation's summary. It changes the bundled spec, the
// generated types (their JSDoc) and the docs, like most real spec edits.
function editOneLine(text) {
  const lines = text.split("\n");
  const index = lines.findIndex((l) => /^\s*summary: \S/.test(l));
  if (index === -1) throw new Error(`${EDITED_FILE} has no summary line to edit`);
  lines[index] += " (benchmark edit)";
  return { text: lines.join("\n"), line: index + 1 };
}

function snapshot(dirs) {
  const files = new Map();
  for (const dir of dirs) {
    for (const name of readdirSync(join(ROOT, dir))) files.set(join(ROOT, dir, name), readFileSync(join(ROOT, dir, name)));
  }
  return files;
}

function restore(files) {
  for (const [file, content] of files) {
    if (!readFileSync(file).equals(content)) {
      writeFileSync(file, content);
      console.warn(`  build: restored ${relative(ROOT, file)}`);
    }
  }
}
