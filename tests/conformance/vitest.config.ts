import { defineConfig } from "vitest/config";

// One mock and one client per API; the timeout is a hang guard, not a speed check.
export default defineConfig({
  test: { include: ["test/**/*.test.ts"], testTimeout: 60_000, hookTimeout: 60_000 },
});
