import { describe, expect, it } from "vitest";
import { randomHexId } from "../src/request-ids.js";

describe("randomHexId", () => {
  it("gives 32 hex digits, never the same twice, across refills of its pool", () => {
    // 4 KiB of pool is 256 IDs: 2,000 cross it several times, where a refill mistake would repeat or shorten one.
    const ids = Array.from({ length: 2000 }, () => randomHexId());
    for (const id of ids) expect(id).toMatch(/^[0-9a-f]{32}$/);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it("uses every digit (the bytes are random, not a counter or a constant)", () => {
    const digits = new Set(Array.from({ length: 64 }, () => randomHexId()).join(""));
    expect(digits.size).toBe(16);
  });
});
