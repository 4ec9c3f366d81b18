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
    // In CI, a failed test runs once more: browser tests on two busy cores occasionally lose a
    // keystroke race (see the session note). A real failure fails twice and still fails the run.
    retry: process.env.CI ? 1 : 0,
    // expect.poll waits for the page to settle; one second is short when Chromium shares two cores.
    expect: { poll: { timeout: 10_000 } },
  },
});
