import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    globalSetup: ["tests/setup/build.ts"],
    testTimeout: 60000,
    hookTimeout: 120000,
  },
});
