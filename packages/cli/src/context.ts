import type { Io } from "./connect.js";

/** What every command's action shares in one run: the streams and environment, and the exit code it sets. */
export interface Context {
  io: Io;
  exitCode: number;
}
