// Writes the package's declaration files with the TypeScript compiler, one per source file, so a
// user's go-to-definition lands in a readable file named for what it holds (dist/generated/ycm.d.ts,
// `export type YcmUser = { ... }`) instead of a bundler's hashed chunk (`dist/ycm-9qY2hSgd.d.ts`,
// `e as YcmUser`). tsup builds the empty .js/.cjs entries; this writes dist/**/*.d.ts for `import`
// and a .d.cts twin of each for `require` (whose relative imports name the .cjs twins, so a
// CommonJS consumer stays in CommonJS declarations). The sources are type-only, so the twins are
// the same declarations.
import { writeFileSync, mkdirSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join, relative } from "node:path";
import { fileURLToPath } from "node:url";

const packageDir = fileURLToPath(new URL("..", import.meta.url));
const ts = createRequire(join(packageDir, "package.json"))("typescript");

const configFile = join(packageDir, "tsconfig.build.json");
const { config, error } = ts.readConfigFile(configFile, ts.sys.readFile);
if (error) throw new Error(ts.flattenDiagnosticMessageText(error.messageText, "\n"));
const parsed = ts.parseJsonConfigFileContent(config, ts.sys, packageDir, undefined, configFile);
const program = ts.createProgram(parsed.fileNames, parsed.options);

const written = [];
const write = (file, text) => {
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, text);
  written.push(file);
};
const result = program.emit(undefined, (file, text) => {
  write(file, text);
  if (file.endsWith(".d.ts")) write(file.replace(/\.d\.ts$/, ".d.cts"), text.replace(/(from\s+["']\.{1,2}\/[^"']*)\.js(["'])/g, "$1.cjs$2"));
}, undefined, true);

const problems = [...parsed.errors, ...ts.getPreEmitDiagnostics(program), ...result.diagnostics];
if (problems.length || result.emitSkipped) {
  const host = { getCanonicalFileName: (f) => f, getCurrentDirectory: () => packageDir, getNewLine: () => "\n" };
  console.error(`types: declarations not written:\n${ts.formatDiagnostics(problems, host)}`);
  process.exit(1);
}
if (process.env.VERBOSE) for (const file of written) console.log(relative(packageDir, file));
