#!/usr/bin/env node
// pnpm bench: runs the benchmark parts, prints their tables and, after a full run, writes
// BENCHMARKS.md at the repository root. Usage:
//   node src/index.mjs                       all parts, writes BENCHMARKS.md
//   node src/index.mjs --only overhead,size  some parts (repeatable); prints only
//   node src/index.mjs --quick               fewer iterations and runs, to try things; prints only
//   node src/index.mjs --no-write            all parts, prints only
//   node src/index.mjs --only mock --merge   some parts, merged into the last complete run's
//                                            results.json (their own date kept), then BENCHMARKS.md
//   node src/index.mjs --render              measures nothing: rewrites BENCHMARKS.md from the
//                                            last complete run (results.json) and notes.md
// BENCHMARKS.md always holds one complete run, so partial or quick runs never write it. A
// complete run also keeps its figures in results.json, so editing notes.md needs no new run.
import { readFileSync, writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { runBuild } from "./build.mjs";
import { runColdImport } from "./cold-import.mjs";
import { describeMachine } from "./machine.mjs";
import { runMockVsPrism } from "./mock-vs-prism.mjs";
import { runOverhead } from "./overhead.mjs";
import { runPaging } from "./paging.mjs";
import { markdown, printConsole } from "./report.mjs";
import { runSize } from "./size.mjs";

// Paging runs first: it is held against an absolute ideal, so it should not follow a minute of
// full CPU (on a shared VM that can leave the machine slower for a while); the overhead ratios
// are interleaved and hold either way. The build part runs last: it rebuilds the tree the other
// parts import.
const PARTS = {
  paging: (quick) => runPaging(quick ? { runs: 1 } : {}),
  size: () => runSize(),
  overhead: (quick) => runOverhead(quick ? { iterations: 500, warmup: 100 } : {}),
  "cold-import": (quick) => runColdImport(quick ? { samples: 8 } : {}),
  mock: (quick) => runMockVsPrism(quick ? { duration: 2, warmup: 1, rounds: 1 } : {}),
  build: (quick) => runBuild(quick ? { cachedRuns: 1 } : {}),
};

const { values } = parseArgs({
  options: {
    only: { type: "string", multiple: true },
    quick: { type: "boolean", default: false },
    "no-write": { type: "boolean", default: false },
    merge: { type: "boolean", default: false },
    render: { type: "boolean", default: false },
    help: { type: "boolean", short: "h", default: false },
  },
});
if (values.help) {
  console.log(`usage: node src/index.mjs [--only ${Object.keys(PARTS).join(",")}] [--quick] [--no-write] | --render`);
  process.exit(0);
}
const BENCHMARKS_FILE = fileURLToPath(new URL("../../BENCHMARKS.md", import.meta.url));
const RESULTS_FILE = fileURLToPath(new URL("../results.json", import.meta.url));
const NOTES_FILE = fileURLToPath(new URL("../notes.md", import.meta.url));
// JSON has no comments: the first key says the file is written by a run, not by hand.
const writeResults = ({ machine, command, results }) =>
  writeFileSync(RESULTS_FILE, `${JSON.stringify({ generated: "Written by pnpm bench (bench/src/index.mjs): do not edit by hand", machine, command, results }, null, 2)}\n`);
if (values.render) {
  const saved = JSON.parse(readFileSync(RESULTS_FILE, "utf8"));
  writeResults(saved);
  writeFileSync(BENCHMARKS_FILE, markdown(saved.results, { machine: saved.machine, command: saved.command, notesFile: NOTES_FILE }));
  console.log(`wrote BENCHMARKS.md from results.json (the run of ${saved.machine.date}) and notes.md`);
  process.exit(0);
}
const only = (values.only ?? []).flatMap((v) => v.split(",")).map((v) => v.trim()).filter(Boolean);
const unknown = only.filter((name) => !(name in PARTS));
if (unknown.length) {
  console.error(`unknown part ${unknown.join(", ")}; the parts are ${Object.keys(PARTS).join(", ")}`);
  process.exit(2);
}
const selected = Object.keys(PARTS).filter((name) => only.length === 0 || only.includes(name));
const machine = describeMachine();
const argv = process.argv.slice(2).join(" ");
const command = `pnpm bench   # at the root: turbo run build && pnpm --filter @yeastar-openapi/bench bench${argv ? ` (bench flags: ${argv})` : ""}`;

console.log(`Benchmarks on ${machine.cpu} (${machine.cores} cores, ${machine.memoryGiB} GiB), Node.js ${machine.node}, load ${machine.loadAverage}`);
const results = {};
for (const name of selected) {
  console.log(`\n== ${name}`);
  const start = performance.now();
  results[name] = await PARTS[name](values.quick);
  console.log(`  (${((performance.now() - start) / 1000).toFixed(1)} s)`);
}
printConsole(results);

const complete = selected.length === Object.keys(PARTS).length && !values.quick;
if (values.merge && !complete && !values.quick && !values["no-write"]) {
  // A part measured on its own joins the last complete run; the report names its own run.
  const saved = JSON.parse(readFileSync(RESULTS_FILE, "utf8"));
  for (const name of selected) saved.results[name] = { ...results[name], separateRun: { date: machine.date, loadAverage: machine.loadAverage, command: `cd bench && node src/index.mjs ${argv}` } };
  writeResults(saved);
  writeFileSync(BENCHMARKS_FILE, markdown(saved.results, { machine: saved.machine, command: saved.command, notesFile: NOTES_FILE }));
  console.log(`\nmerged ${selected.join(", ")} into results.json and wrote BENCHMARKS.md`);
} else if (complete && !values["no-write"]) {
  writeResults({ machine, command, results });
  writeFileSync(BENCHMARKS_FILE, markdown(results, { machine, command, notesFile: NOTES_FILE }));
  console.log(`\nwrote BENCHMARKS.md and results.json`);
} else {
  console.log(`\nBENCHMARKS.md not written (${complete ? "--no-write" : "partial or quick run"})`);
}
