import { defineConfig } from "vitest/config";

// Two tiers (README "Tests"):
//   unit        pure code, no database or network: lib/ and components/ helpers.
//   integration server/, sim/ and test/: each run gets a fresh, migrated PostgreSQL database
//               (test/global-setup.ts) whose URL is in process.env.DATABASE_URL.
export default defineConfig({
  // `~/` is the repository root (tsconfig.json "paths"), as in Next, tsx and Playwright.
  // `server-only` is Next's guard against bundling server modules for the browser; tests run
  // them on the server, as Next's server build does (its "react-server" export is a no-op).
  resolve: {
    alias: [
      { find: /^~\//, replacement: `${import.meta.dirname}/` },
      {
        find: /^server-only$/,
        replacement: `${import.meta.dirname}/node_modules/server-only/empty.js`,
      },
    ],
  },
  test: {
    environment: "node",
    projects: [
      {
        extends: true,
        test: {
          name: "unit",
          include: ["lib/**/*.test.ts", "components/**/*.test.ts"],
        },
      },
      {
        extends: true,
        test: {
          name: "integration",
          include: ["server/**/*.test.ts", "sim/**/*.test.ts", "test/**/*.test.ts"],
          globalSetup: ["test/global-setup.ts"],
          setupFiles: ["test/setup-database-env.ts"],
          testTimeout: 30_000,
          hookTimeout: 60_000,
        },
      },
    ],
  },
});
