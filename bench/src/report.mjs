// Turns a run's results into the console tables and BENCHMARKS.md.
import { readFileSync } from "node:fs";
import { serversByKey } from "./mock-vs-prism.mjs";
import { checkTargets } from "./targets.mjs";
import { ms, ratio, seconds, us } from "./stats.mjs";

/** The line under a part measured apart from the run the file's header describes (`--merge`). */
const separately = (part) =>
  part?.separateRun ? `Measured in a separate run (${part.separateRun.date}, load ${part.separateRun.loadAverage}): \`${part.separateRun.command}\`.` : undefined;

/** Each part as { title, head, rows } so the console and Markdown show the same table. */
export function tables(results) {
  const out = [];
  if (results.overhead) {
    const { iterations, warmup } = results.overhead;
    for (const w of results.overhead.results) {
      const [raw, bare] = ["raw fetch", "openapi-fetch"].map((name) => w.stacks.find((s) => s.name === name));
      out.push({
        title: `Per-request overhead: ${w.workload} (${iterations} interleaved iterations after ${warmup} warm-up)`,
        head: ["stack", "median", "p99", "median vs raw fetch", "median vs openapi-fetch", "p99 vs openapi-fetch"],
        rows: w.stacks.map((s) => [s.reference ? `${s.name} (reference)` : s.name, us(s.median), us(s.p99), ratio(s.median / raw.median), ratio(s.median / bare.median), ratio(s.p99 / bare.p99)]),
        after: separately(results.overhead),
      });
    }
  }
  if (results.paging) {
    const p = results.paging;
    out.push({
      title: `Paging: ${p.users.toLocaleString("en-US")} YCM users, ${p.pages} pages of ${p.pageSize}, ${p.latencyMs} ms server latency (median of ${p.runs} walks)`,
      head: ["concurrency", "wall", "ideal", "wall / ideal", "items in order", "walks", "raw fetch walk (reference, median)", "raw / ideal", "wall / raw"],
      rows: p.results.map((r) => [String(r.concurrency), ms(r.wall), ms(r.ideal), ratio(r.ratio), r.inOrder ? "yes" : "NO", r.runs.map((w) => w.toFixed(0)).join(", ") + " ms", ms(r.rawWall), ratio(r.rawRatio), ratio(r.wall / r.rawWall)]),
    });
  }
  if (results.size) {
    const s = results.size;
    out.push({
      title: "Bundle size: a one-call browser app (esbuild, minified, ESM, es2022)",
      head: ["app", "minified", "gzip", "brotli"],
      rows: [
        ...s.bundles.map((b) => [b.name, `${b.minified} B`, `${b.gzip} B`, `${b.brotli} B`]),
        ["our client - openapi-fetch", `${s.extra.minified} B`, `${s.extra.gzip} B`, `${s.extra.brotli} B`],
      ],
      after: separately(s),
    });
    out.push({
      title: "Where our client's minified bytes come from (its sources bundled the same way, openapi-fetch left out)",
      head: ["source file", "minified"],
      rows: s.clientSources.filter((f) => f.bytes > 0).map((f) => [f.file, `${f.bytes} B`]),
    });
    const optional = s.features.costs.reduce((sum, f) => sum + f.gzip, 0);
    out.push({
      title: "What each feature adds to the one-call app (gzip; the app bundled from the client's sources with that feature stubbed out)",
      head: ["feature", "gzip"],
      rows: [
        ...s.features.costs.map((f) => [f.name, `${f.gzip} B`]),
        ["all of the above", `${optional} B`],
        ["the rest: transport, timeouts and abort, typed errors, the calls themselves", `${s.extra.gzip - optional} B`],
      ],
    });
  }
  if (results["cold-import"]) {
    const c = results["cold-import"];
    const bare = c.results.find((r) => r.name === "openapi-fetch");
    out.push({
      title: `Cold import in Node: a fresh process imports the package and creates one client (median of ${c.samples} processes each, alternating)`,
      head: ["module", "median", "p99", "median vs openapi-fetch"],
      rows: c.results.map((r) => [r.name, ms(r.median), ms(r.p99), ratio(r.median / bare.median)]),
      after: separately(c),
    });
  }
  if (results.mock) {
    const m = results.mock;
    const run = m.separateRun ? ` Measured in a separate run (${m.separateRun.date}, load ${m.separateRun.loadAverage}): \`${m.separateRun.command}\`.` : "";
    const vs = (s, base) => (base ? ratio(s.rps / base.rps) : "-");
    out.push({
      title: `Mock servers: ours beside Prism 5.14 (as people run it, and quiet), bundled YCM spec, validation on all, ${m.connections} connections over loopback (autocannon; median of ${m.rounds} rounds of ${m.duration} s)`,
      head: ["call", "server", "req/s", "p50", "p99", "items in the answer", "req/s vs Prism as people run it (target baseline)", "req/s vs Prism quiet"],
      rows: m.results.flatMap((r) => {
        const by = serversByKey(r.servers);
        return r.servers.map((s) => [r.call, s.server, s.rps.toFixed(0), `${s.p50} ms`, `${s.p99} ms`, s.items === undefined ? "-" : String(s.items), vs(s, by.prism), vs(s, by["prism-quiet"])]);
      }),
      after: `Rounds (req/s): ${m.results.map((r) => r.servers.map((s) => `${s.server.split(" (")[0]} ${r.call.split(" (")[0]}: ${s.runs.map((x) => x.rps.toFixed(0)).join(", ")}`).join("; ")).join("; ")}.${run}`,
    });
  }
  if (results.build) {
    const b = results.build;
    out.push({
      title: "Build: `turbo run build` with a throwaway cache",
      head: ["run", "wall", "tasks cached / total"],
      rows: [
        ["cold (empty cache)", seconds(b.cold.wall), `${b.cold.cachedTasks} / ${b.cold.totalTasks}`],
        [`fully cached (median of ${b.cached.runs.length}: ${b.cached.runs.map((r) => seconds(r.wall)).join(", ")})`, seconds(b.cached.wall), `${b.cached.runs[0].cachedTasks} / ${b.cached.runs[0].totalTasks}`],
        [`after a one-line edit of ${b.edit.file} (line ${b.edit.line})`, seconds(b.edit.wall), `${b.edit.cachedTasks} / ${b.edit.totalTasks}`],
      ],
      after:
        `Rerun after the edit: ${b.edit.rerun.join(", ") || "none"}; cache hits: ${b.edit.cached.join(", ") || "none"}. ` +
        `The tasks that depend on the spec: ${b.edit.dependents.join(", ")}; ${b.edit.onlyDependents ? "exactly these reran" : "NOT the same set as what reran"}.`,
    });
    if (b.cold.tasks && b.edit.tasks) {
      const names = b.cold.tasks.map((t) => t.task);
      out.push({
        title: "Build: time per task (turbo run summary)",
        head: ["task", "cold", "after the edit"],
        rows: names.map((name) => [name, seconds(b.cold.tasks.find((t) => t.task === name).ms), seconds(b.edit.tasks.find((t) => t.task === name)?.ms ?? 0)]),
      });
    }
  }
  return out;
}

export function printConsole(results) {
  for (const table of tables(results)) {
    console.log(`\n${table.title}`);
    const widths = table.head.map((h, i) => Math.max(h.length, ...table.rows.map((r) => r[i].length)));
    const line = (cells) => `  ${cells.map((c, i) => c.padEnd(widths[i])).join("  ")}`;
    console.log(line(table.head));
    console.log(line(widths.map((w) => "-".repeat(w))));
    for (const row of table.rows) console.log(line(row));
    if (table.after) console.log(`  ${table.after}`);
  }
  console.log("\nTargets");
  for (const t of checkTargets(results)) console.log(`  ${t.met ? "met   " : "MISSED"} ${t.part}: ${t.what}: ${t.measured} (target ${t.target})${t.by ? `, ${t.by}` : ""}`);
}

export function markdown(results, { machine, command, notesFile }) {
  const md = [];
  md.push("# Benchmarks", "");
  md.push(
    "Written by `pnpm bench` (bench/); rerun it to refresh. The figures of the run are kept in bench/results.json and the",
    "text after them comes from bench/notes.md: `pnpm bench --render` rewrites this file from both without measuring.",
    "Benchmarks are not tests: they print figures and never fail the build. The size budget alone is also enforced,",
    "by `packages/client/test/size.test.ts`.",
    "",
  );
  md.push("## Machine", "");
  md.push(`- CPU: ${machine.cpu}, ${machine.cores} cores`, `- Memory: ${machine.memoryGiB} GiB`, `- OS: ${machine.os}`, `- Node.js ${machine.node}, pnpm ${machine.pnpm}`, `- Load average when the run started: ${machine.loadAverage}`, `- Date: ${machine.date}`, "");
  md.push("## Command", "", "```sh", command, "```", "");
  md.push("## Targets", "", "| part | what | target | measured | met |", "| --- | --- | --- | --- | --- |");
  for (const t of checkTargets(results)) md.push(`| ${t.part} | ${t.what} | ${t.target} | ${t.measured} | ${t.met ? "yes" : `**no**, ${t.by}`} |`);
  md.push("");
  md.push("## Figures", "");
  for (const table of tables(results)) {
    md.push(`### ${table.title}`, "", `| ${table.head.join(" | ")} |`, `| ${table.head.map(() => "---").join(" | ")} |`);
    for (const row of table.rows) md.push(`| ${row.join(" | ")} |`);
    md.push("");
    if (table.after) md.push(table.after, "");
  }
  md.push(readFileSync(notesFile, "utf8").trim(), "");
  return md.join("\n");
}
