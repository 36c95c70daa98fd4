// Workplace times are Unix seconds; the examples show them in the machine's time zone (TZ).

/**
 * The day a `YYYY-MM-DD` argument names (default: today), as [start, end) in Unix seconds.
 * @param {string | undefined} arg
 * @param {number} [nowMs]
 * @returns {{ label: string, start: number, end: number } | undefined} undefined when `arg` is not a real date
 */
export function dayBounds(arg, nowMs = Date.now()) {
  let day;
  if (arg === undefined) {
    const now = new Date(nowMs);
    day = new Date(now.getFullYear(), now.getMonth(), now.getDate());
  } else {
    const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(arg);
    if (!match) return undefined;
    const [year, month, date] = [Number(match[1]), Number(match[2]) - 1, Number(match[3])];
    day = new Date(year, month, date);
    if (day.getFullYear() !== year || day.getMonth() !== month || day.getDate() !== date) return undefined;
  }
  const next = new Date(day.getFullYear(), day.getMonth(), day.getDate() + 1);
  return { label: isoDate(day), start: day.getTime() / 1000, end: next.getTime() / 1000 };
}

/** @param {Date} d */
function isoDate(d) {
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, "0")}-${String(d.getDate()).padStart(2, "0")}`;
}

/**
 * `HH:MM` in local time, with the date in front when it is not on `day`.
 * @param {number | undefined} seconds
 * @param {string} [day] `YYYY-MM-DD`
 */
export function clockTime(seconds, day) {
  if (seconds === undefined) return "";
  const d = new Date(seconds * 1000);
  const hhmm = `${String(d.getHours()).padStart(2, "0")}:${String(d.getMinutes()).padStart(2, "0")}`;
  return day === undefined || isoDate(d) === day ? hhmm : `${isoDate(d)} ${hhmm}`;
}
