// Lints both API descriptions with the rules in redocly.yaml (recommended-strict plus ours).
// A warning fails as hard as an error: the spec is the source of everything else.
import { apis, redocly } from "./redocly.mjs";

const { status, output } = redocly(["lint", ...apis, "--format", "stylish", "--max-problems", "1000"]);
const warnings = /(\d+) warnings?/.exec(output);
if (status !== 0 || (warnings && Number(warnings[1]) > 0)) {
  console.error(`spec lint failed for ${apis.join(", ")}: fix the problems above (file:line and rule are named).`);
  process.exit(1);
}
