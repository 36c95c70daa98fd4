// The file token store in one process (several processes: tests/fleet): permissions, atomic
// writes, one grant for two clients sharing the file, a damaged file, bad options.
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, test } from "vitest";
import { fileTokenStore } from "../src/token-store-file.js";
import { useMock } from "./mock.js";

const root = mkdtempSync(join(tmpdir(), "file-token-store-"));
afterAll(() => rmSync(root, { recursive: true, force: true }));

describe("fileTokenStore", () => {
  const mock = useMock();

  test("two clients on one file: one grant for 40 calls; the file is 0600 in a new 0700 folder, written whole", async () => {
    mock.server.stats.reset();
    const path = join(root, "shared", "token.json");
    const a = mock.ycm({ tokenStore: fileTokenStore({ path }) });
    const b = mock.ycm({ tokenStore: fileTokenStore({ path }) });
    const results = await Promise.all(Array.from({ length: 40 }, (_, i) => (i % 2 ? a : b).GET("/dm/open_api/v2/users")));
    expect(results.every((r) => r.data.status === "Success")).toBe(true);
    expect(mock.server.stats.tokensIssued.ycm).toBe(1);
    expect(statSync(path).mode & 0o777).toBe(0o600);
    expect(statSync(join(root, "shared")).mode & 0o777).toBe(0o700);
    expect(readdirSync(join(root, "shared"))).toEqual(["token.json"]);
    const saved = JSON.parse(readFileSync(path, "utf8")) as { generation: number; token: { accessToken: string } };
    expect(saved.generation).toBe(1);
    // A third client, later, reads the token instead of asking for one.
    await mock.ycm({ tokenStore: fileTokenStore({ path }) }).GET("/dm/open_api/v2/users");
    expect(mock.server.stats.tokensIssued.ycm).toBe(1);
  });

  test("a damaged file counts as empty and is replaced; its content is never quoted", async () => {
    mock.server.stats.reset();
    const path = join(root, "damaged.json");
    writeFileSync(path, '{"token": {"accessToken": "half', { mode: 0o644 });
    const { data } = await mock.ycm({ tokenStore: fileTokenStore({ path }) }).GET("/dm/open_api/v2/users");
    expect(data.status).toBe("Success");
    expect(mock.server.stats.tokensIssued.ycm).toBe(1);
    expect(statSync(path).mode & 0o777).toBe(0o600);
  });

  test("bad options are named", () => {
    expect(() => fileTokenStore(undefined as never)).toThrow(/options are required/);
    expect(() => fileTokenStore({ path: "" })).toThrow(/path must be a non-empty string/);
    expect(() => fileTokenStore({ path: "x", staleMs: -1 })).toThrow(/staleMs must be a positive number/);
    expect(() => fileTokenStore({ path: "x", stale: 1 } as never)).toThrow(/unknown option "stale"/);
  });
});
