// `@yeastar-openapi/client/exact`: Yeastar's Longs delivered exactly. JSON.parse rounds an integer
// beyond 2^53 without a word (the vendor's own example account id 17896360390850257349 becomes
// 17896360390850257000); by default the client refuses such a body, naming the field. Passing one
// of these as the client's `int64` option makes it deliver those integers exactly instead:
//
//   createYcmClient({ clientId, clientSecret, int64: int64AsBigInt })
//
// Kept out of the main entry so an app that never meets such a number does not carry it. A body
// with a run of 16 digits (otherwise the fast path is JSON.parse, as without this option) is
// rewritten: each integer token JavaScript cannot hold becomes a JSON string before JSON.parse, so
// no digit is lost, and (bigint) those strings then become bigints.
import type { Int64Mode, TransportPlugin } from "@yeastar-openapi/client";

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

/**
 * The `int64` plug-in (core/plugin.ts): each call reads its bodies with `parse`. A body without a
 * run of 16 digits holds no such integer and goes to JSON.parse as it is (the fast path).
 */
function mode<K extends "string" | "bigint">(int64: K, parse: (text: string) => unknown): Int64Mode<K> {
  const exact = (text: string) => (LONG_RUN.test(text) ? parse(text) : JSON.parse(text));
  const plugin: TransportPlugin = (_api, _onWarning, send) => (request, call) => send(request, { ...call, parse: exact });
  return Object.assign(plugin, { int64 });
}

const LONG_RUN = /\d{16}/;

/** Integers beyond 2^53 arrive as strings of digits (`"17896360390850257349"`); every other number as a number. */
export const int64AsString: Int64Mode<"string"> = mode("string", (text) => JSON.parse(exactText(text, "")[0]));

/** Integers beyond 2^53 arrive as bigints (`17896360390850257349n`); every other number as a number. */
export const int64AsBigInt: Int64Mode<"bigint"> = mode("bigint", (text) => {
  const [rewritten, found] = exactText(text, MARK_JSON);
  if (!found) return JSON.parse(text);
  return JSON.parse(rewritten, (_key, value: unknown) => (typeof value === "string" && value.startsWith(MARK) ? BigInt(value.slice(MARK.length)) : value));
});
