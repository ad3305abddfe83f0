import path from "node:path";
import { defineConfig } from "prisma/config";

// Prisma 7's CLI wants its native schema-engine binary, which it downloads from outside npm
// (unreachable here). A stub is enough for generate/validate/format; migrations go through
// scripts/db-migrate.mjs, which drives Prisma's wasm schema engine.
process.env.PRISMA_SCHEMA_ENGINE_BINARY ??= path.resolve("scripts/schema-engine-stub.sh");

export default defineConfig({
  schema: "prisma/schema.prisma",
  migrations: { path: "prisma/migrations" },
  // `env("DATABASE_URL")` throws when unset, even for `prisma generate`: fall back instead.
  datasource: {
    url: process.env.DATABASE_URL ?? "postgresql://postgres@127.0.0.1:5432/postgres",
  },
});
