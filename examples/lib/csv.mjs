// CSV as RFC 4180 writes it: a field holding a comma, a double quote, CR or LF is quoted, with
// its double quotes doubled; records end with CRLF. Spreadsheets and CSV parsers read it back
// unchanged (addresses such as "63 Wanghai Road, Xiamen, China" stay one field).

/** @param {unknown} value */
export function csvField(value) {
  if (value === undefined || value === null) return "";
  const text = Array.isArray(value) ? value.join(" ") : String(value);
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/** One record, CRLF included. @param {readonly unknown[]} values */
export function csvRecord(values) {
  return `${values.map(csvField).join(",")}\r\n`;
}
