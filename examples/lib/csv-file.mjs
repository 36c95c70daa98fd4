// A CSV file written beside its target and renamed at the end, so a failed run never leaves a
// truncated file that looks complete.
import { open, rename, rm } from "node:fs/promises";
import { csvRecord } from "./csv.mjs";

/**
 * Writes `header`, then the records `fill` writes through `write`, to `file`.
 * @param {string} file
 * @param {readonly string[]} header
 * @param {(write: (records: readonly (readonly unknown[])[]) => Promise<void>) => Promise<void>} fill
 */
export async function writeCsvFile(file, header, fill) {
  const partial = `${file}.partial`;
  const out = await open(partial, "w");
  try {
    await out.write(csvRecord(header));
    await fill(async (records) => {
      await out.write(records.map((values) => csvRecord(values)).join(""));
    });
    await out.close();
    await rename(partial, file);
  } catch (error) {
    await out.close().catch(() => {});
    await rm(partial, { force: true });
    throw error;
  }
}
