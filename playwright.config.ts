import { existsSync } from "node:fs";
import { defineConfig, devices, type ReporterDescription } from "@playwright/test";

// E2E against the production build (`next build` first: `npm run test:e2e` does both and gives
// a fresh database). The browser is Debian's Chromium; Playwright never downloads one here.
const PORT = Number(process.env.E2E_PORT ?? 3200);
const DATABASE_URL = process.env.E2E_DATABASE_URL ?? process.env.DATABASE_URL;
if (!DATABASE_URL) {
  throw new Error(
    "e2e needs a database: run `npm run test:e2e` (it makes a fresh one) or set E2E_DATABASE_URL",
  );
}
const CHROMIUM =
  process.env.CHROMIUM_PATH ?? (existsSync("/usr/bin/chromium") ? "/usr/bin/chromium" : undefined);

/** Chromium as the projects use it. */
const chromium = {
  ...devices["Desktop Chrome"],
  launchOptions: {
    executablePath: CHROMIUM,
    // This machine's network is closed: keep Chromium from calling home.
    args: [
      "--no-sandbox",
      "--disable-gpu",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
      "--no-first-run",
      "--disable-quic",
    ],
  },
};
/** The restart journey kills the console every other journey uses. */
const RESTART = /execution-restart\.spec\.ts$/;
/** The UI journeys share the racks and simulated sled agents of e2e/support/seed-ui.ts. */
const UI = /ui-[^/]*\.spec\.ts$/;

const reporter: ReporterDescription[] = [["list"]];
if (process.env.E2E_JSON_REPORT)
  reporter.push(["json", { outputFile: process.env.E2E_JSON_REPORT }]);

export default defineConfig({
  testDir: "e2e",
  outputDir: "test-results/e2e",
  timeout: 60_000,
  // Assertions wait for their condition up to 15 s (not 5): two workers on a loaded 2-core
  // machine sometimes take longer than 5 s to render a page; a passing test waits no longer.
  expect: { timeout: 15_000 },
  retries: 0,
  // Side by side (E2E_WORKERS, default 2): each journey has its own simulated rack, users'
  // sessions and comments, so files run in parallel; the tests of one file stay in order.
  workers: Number(process.env.E2E_WORKERS ?? 2),
  reporter,
  use: {
    baseURL: `http://127.0.0.1:${PORT}`,
    trace: "retain-on-failure",
    screenshot: "only-on-failure",
  },
  projects: [
    { name: "chromium", testIgnore: [RESTART, UI], use: chromium },
    // …so one at a time (beside the other journeys).
    { name: "ui", testMatch: UI, workers: 1, use: chromium },
    // …so it runs alone, once all the others are done. Alone: `npx playwright test --no-deps
    // e2e/execution-restart.spec.ts` (without --no-deps, every other journey runs first).
    { name: "restart", testMatch: RESTART, dependencies: ["chromium", "ui"], use: chromium },
  ],
  // Not `webServer`: the restart journey kills the console and starts it again on the same
  // port, so the setup starts it (e2e/support/global-setup.ts) with the seeded simulated racks.
  globalSetup: "./e2e/support/global-setup.ts",
  globalTeardown: "./e2e/support/global-teardown.ts",
});
