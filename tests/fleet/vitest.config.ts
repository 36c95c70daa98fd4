import { defineConfig } from "vitest/config";

// Each file starts up to 8 node processes, a redis-server and a mock server: the files run one
// after the other, so they do not fight for the machine's cores (and the rate counts stay
// honest). The timeouts are hang guards, not speed checks.
export default defineConfig({
  test: { include: ["test/**/*.test.ts"], fileParallelism: false, testTimeout: 120_000, hookTimeout: 60_000 },
});
