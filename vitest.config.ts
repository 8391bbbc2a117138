import { tmpdir } from "node:os";
import { join } from "node:path";
import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    // build manifests of test runs go to a temporary folder, not the project's .kehoach-cache/
    env: { KEHOACH_CACHE_DIR: join(tmpdir(), `kehoach-test-cache-${process.pid}`) },
  },
});
