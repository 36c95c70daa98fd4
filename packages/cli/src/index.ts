// The library entry: run() for embedding the command line, and the names the docs' CLI samples use.
export { run, buildProgram } from "./run.js";
export { commandLine, commandName, familyName, flagName, operationCommands, wordsOf } from "./names.js";
export type { CommandName, OperationCommand } from "./names.js";
export { commandParameters } from "./operations.js";
export { matchPath } from "./raw.js";
export { EXIT } from "./exit.js";
export type { Io } from "./connect.js";
