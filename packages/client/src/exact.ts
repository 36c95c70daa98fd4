// `@yeastar-openapi/client/exact`: Yeastar's Longs delivered exactly. JSON.parse rounds an integer
// beyond 2^53 without a word (the vendor's own example account id 17896360390850257349 becomes
// 17896360390850257000); by default the client refuses such a body, naming the field. Passing one
// of these as the client's `int64` option makes it deliver those integers exactly instead:
//
//   createYcmClient({ clientId, clientSecret, int64: int64AsBigInt })
//
// Kept out of the main entry so an app that never meets such a number does not carry it. The
// client calls `parse` only when the body has a run of 16 digits (the fast path is JSON.parse, as
// without this option); `parse` then rewrites each integer token JavaScript cannot hold as a JSON
// string before JSON.parse, so no digit is lost, and (bigint) turns those strings into bigints.
import type { Int64Mode } from "@yeastar-openapi/client";

export type { Int64Mode } from "@yeastar-openapi/client";

// A string token, or an integer token of 16 or more digits. Strings are matched as a whole so a
// run of digits inside one is never touched; the lookbehind keeps the digits of a fraction or an
// exponent (1.2345678901234567890, 1e+1234567890123456) out, and the lookahead a number with a
// fraction or exponent after it (those are JSON.parse's to round, and the client reports them).
const TOKEN = /"(?:[^"\\]|\\.)*"|(?<![\d.eE+-])-?\d{16,}(?![\d.eE])/g;

// Marks a rewritten integer in bigint mode: a NUL and a per-process random tag, which no answer
// of the API carries at the start of a string.
const MARK = `\u0000int64-${Math.random().toString(36).slice(2)}:`;
const MARK_JSON = JSON.stringify(MARK).slice(1, -1);

function exactText(text: string, mark: string): [string, boolean] {
  let found = false;
  const rewritten = text.replace(TOKEN, (token) => {
    if (token[0] === '"' || Number.isSafeInteger(Number(token))) return token;
    found = true;
    return `"${mark}${token}"`;
  });
  return [rewritten, found];
}

/** Integers beyond 2^53 arrive as strings of digits (`"17896360390850257349"`); every other number as a number. */
export const int64AsString: Int64Mode<"string"> = {
  int64: "string",
  parse: (text) => JSON.parse(exactText(text, "")[0]),
};

/** Integers beyond 2^53 arrive as bigints (`17896360390850257349n`); every other number as a number. */
export const int64AsBigInt: Int64Mode<"bigint"> = {
  int64: "bigint",
  parse(text) {
    const [rewritten, found] = exactText(text, MARK_JSON);
    if (!found) return JSON.parse(text);
    return JSON.parse(rewritten, (_key, value: unknown) =>
      typeof value === "string" && value.startsWith(MARK) ? BigInt(value.slice(MARK.length)) : value,
    );
  },
};
