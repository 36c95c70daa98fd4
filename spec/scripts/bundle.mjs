// Bundles each multi-file API description into one JSON document (spec/dist/<api>.openapi.json):
// the input of type generation, the mock server's validator and the client's generated limits.
import { mkdirSync } from "node:fs";
import { join } from "node:path";
import { apis, redocly, specDir } from "./redocly.mjs";

const outDir = join(specDir, "dist");
mkdirSync(outDir, { recursive: true });
for (const api of apis) {
  const out = join(outDir, `${api}.openapi.json`);
  const { status } = redocly(["bundle", api, "--output", out, "--ext", "json"]);
  if (status !== 0) {
    console.error(`spec bundle failed for ${api}: see the problems above.`);
    process.exit(1);
  }
}
