// Yeastar's times are Unix timestamps in whole seconds (Workplace's meeting `startTime`,
// `endTime`, `checkedInTime`, ...; the envelopes' `time`), where JavaScript's Date counts
// milliseconds. One pair of helpers, so no caller multiplies by 1000 in one place and forgets
// in another.
import { YeastarInvalidRequestError } from "./errors.js";

/**
 * A Unix-seconds field as a Date: `fromUnixSeconds(meeting.startTime)`. Accepts a number, a
 * string of digits or a bigint (a Long in the client's exact `int64` mode).
 */
export function fromUnixSeconds(seconds: number | string | bigint): Date {
  const value = typeof seconds === "number" ? seconds : typeof seconds === "bigint" || (typeof seconds === "string" && /^-?\d+$/.test(seconds)) ? Number(seconds) : NaN;
  const date = new Date(value * 1000);
  if (!Number.isInteger(value) || Number.isNaN(date.getTime())) {
    throw new YeastarInvalidRequestError(`fromUnixSeconds: expected whole seconds since 1970 within Date's range, got ${typeof seconds === "string" ? JSON.stringify(seconds.slice(0, 40)) : String(seconds)}`);
  }
  return date;
}

/**
 * A Date (or milliseconds since 1970) as the whole Unix seconds Yeastar expects, rounded down:
 * `toUnixSeconds(new Date("2026-12-01T09:00:00Z"))` is 1796115600.
 */
export function toUnixSeconds(date: Date | number): number {
  const ms = date instanceof Date ? date.getTime() : date;
  if (typeof ms !== "number" || !Number.isFinite(ms)) {
    throw new YeastarInvalidRequestError(`toUnixSeconds: expected a valid Date or a number of milliseconds, got ${date instanceof Date ? "an invalid Date" : String(date)}`);
  }
  return Math.floor(ms / 1000);
}
