// Yeastar's Longs (`format: int64` in the spec: ids, timestamps, counts) as the generated types
// write them. A number like any other (arithmetic, comparisons, any number assigned to it), with an
// optional tag no value carries, so a type can tell a Long from an ordinary number: the client's
// exact mode (`int64` option) types each Long as it delivers it (a string or a bigint beyond 2^53).

/** The mark of a Long: an optional property no value has. */
export interface Int64Tag {
  readonly "format: int64"?: never;
}

/** A Yeastar Long (`format: int64`): a number, exact in JavaScript up to 2^53 - 1. */
export type Int64 = number & Int64Tag;
