// Progress on stderr, so stdout stays clean for data. On a terminal the line is rewritten in
// place; in a log (or a test) each update is its own line.

/** @param {string} text */
export function progress(text) {
  if (process.stderr.isTTY) process.stderr.write(`\r${text}\x1b[K`);
  else process.stderr.write(`${text}\n`);
}

/** Ends a progress line started on a terminal. */
export function progressDone() {
  if (process.stderr.isTTY) process.stderr.write("\n");
}
