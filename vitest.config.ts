import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["tests/**/*.test.ts"],
    globalSetup: ["tests/global-setup.ts"],
    environment: "node",
    testTimeout: 60_000,
    hookTimeout: 120_000,
    // Two cores: integration tests each boot a server; browsers are heavy.
    maxWorkers: 2,
    // Never retried (Vitest's default, left as it is): a test that fails once has found something.
    // expect.poll waits for the page to settle; one second is short when Chromium shares two cores.
    expect: { poll: { timeout: 10_000 } },
  },
});
