// Lints both API descriptions with the rules in spec/redocly.yaml (recommended-strict plus ours).
// A warning fails as hard as an error: the spec is the source of everything else.
// `--root DIR` lints another checkout of the repository (the tests use a broken copy of spec/).
import { join } from "node:path";
import { apis, redocly, specDir } from "./redocly.mjs";
import { unreachableFiles } from "./reachable.mjs";

const rootFlag = process.argv.indexOf("--root");
const cwd = rootFlag === -1 ? specDir : join(process.argv[rootFlag + 1], "spec");

// Redocly's output is held back until the check of unreached files has passed too, so a run that
// fails never prints Redocly's "valid" banner first.
const { status, output } = redocly(["lint", ...apis, "--format", "stylish", "--max-problems", "1000"], { cwd, quiet: true });
const warnings = /(\d+) warnings?/.exec(output);
if (status !== 0 || (warnings && Number(warnings[1]) > 0)) {
  process.stdout.write(output.endsWith("\n") ? output : `${output}\n`);
  const refs = [...new Set(output.match(/Can't resolve \$ref[^\n]*/g) ?? [])];
  console.error(`spec lint failed for ${apis.join(", ")}: fix the problems above (each names its file, line and rule).`);
  for (const ref of refs) console.error(`  ${ref}`);
  process.exit(1);
}

let orphans = 0;
for (const api of apis) {
  for (const file of unreachableFiles(join(cwd, api))) {
    console.error(`spec/${api}/${file} is not reached from spec/${api}/openapi.yaml: add it under paths/components, or delete it.`);
    orphans += 1;
  }
}
if (orphans) process.exit(1);
process.stdout.write(output.endsWith("\n") ? output : `${output}\n`);
