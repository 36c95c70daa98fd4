// The YAML files of an API's spec folder that its root openapi.yaml never reaches through
// `$ref`s. Redocly lints and bundles only what the root reaches, so a path file left out of
// `paths:` would silently not be part of the API; spec-lint fails on it.
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import { parse } from "yaml";

function refsIn(node, out = []) {
  if (Array.isArray(node)) node.forEach((item) => refsIn(item, out));
  else if (node && typeof node === "object") {
    for (const [key, value] of Object.entries(node)) {
      if (key === "$ref" && typeof value === "string") out.push(value);
      else refsIn(value, out);
    }
  }
  return out;
}

function yamlFiles(dir) {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return yamlFiles(path);
    return /\.ya?ml$/.test(entry.name) ? [path] : [];
  });
}

/** Paths (relative to `apiDir`) of the YAML files under it that openapi.yaml does not reach. */
export function unreachableFiles(apiDir) {
  const seen = new Set();
  const queue = [resolve(apiDir, "openapi.yaml")];
  while (queue.length > 0) {
    const file = queue.pop();
    if (seen.has(file) || !existsSync(file)) continue;
    seen.add(file);
    for (const ref of refsIn(parse(readFileSync(file, "utf8")))) {
      const target = ref.split("#")[0];
      if (target) queue.push(resolve(dirname(file), target));
    }
  }
  return yamlFiles(apiDir)
    .filter((file) => !seen.has(resolve(file)))
    .map((file) => relative(apiDir, file));
}
