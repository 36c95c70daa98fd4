// The `yeastar` bin: run the command line, then exit with its code.
import { run } from "./run.js";

process.exitCode = await run(process.argv.slice(2));
