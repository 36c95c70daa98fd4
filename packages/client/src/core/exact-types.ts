// The types of a client in exact mode (the `int64` option): each Long of a response (a field the
// spec marks `format: int64`, typed `Int64` by the types package) may be what the mode delivers
// beyond 2^53, a string of digits or a bigint, and a Long parameter takes that form too. A client
// made without the option keeps the generated types unchanged.
import type { Int64, Int64Tag } from "@yeastar-openapi/types";
import type { HttpMethod } from "openapi-typescript-helpers";
import type { Int64Mode } from "./plugin.js";

/** What a Long beyond 2^53 is in a client made with `options` (never: the default, it is refused). */
export type LongOf<Options> = Options extends { int64: infer M }
  ? "error" extends M
    ? never
    : M extends Int64Mode<infer K extends "string" | "bigint">
      ? { string: string; bigint: bigint }[K]
      : never
  : never;

/**
 * `T` with every Long (`Int64`) replaced by `R`. A Long is told from a number by its tag's key
 * (`T extends Int64` would hold for every number: the tag is optional).
 */
type WithLong<T, R> = T extends number ? (keyof Int64Tag extends keyof T ? R : T) : T extends object ? { [K in keyof T]: WithLong<T[K], R> } : T;

type ExactOperation<Op, L> = {
  [K in keyof Op]: K extends "responses" | "parameters" ? WithLong<Op[K], Int64 | L> : Op[K];
};

/** The paths of a client whose Longs beyond 2^53 are `L`; the paths unchanged when L is never. */
export type ExactPaths<Paths, L> = [L] extends [never]
  ? Paths
  : { [P in keyof Paths]: { [M in keyof Paths[P]]: M extends HttpMethod ? ExactOperation<Paths[P][M], L> : Paths[P][M] } };
