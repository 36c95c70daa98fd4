import { randomFillSync } from "node:crypto";

/**
 * Random hex request IDs, as Workplace and some YCM answers carry (`"requestId": "50a30b70…"`), one per answer.
 * `randomBytes(16)` is a call into the crypto library per answer, and it measured about 15 µs per call under load
 * on a 2-core VM: a quarter of a get by id's whole cost. The bytes are drawn 4 KiB at a time instead, as Node's own
 * `randomUUID()` does; they are as random, and a request ID is no secret (tokens keep their own `randomBytes`).
 */
const pool = Buffer.allocUnsafe(4096);
let used = pool.length;

export function randomHexId(bytes = 16): string {
  if (used + bytes > pool.length) {
    randomFillSync(pool);
    used = 0;
  }
  const id = pool.toString("hex", used, used + bytes);
  used += bytes;
  return id;
}
