// Runs in each integration test worker: point server code (server/env.ts) at the run's database.
import { inject } from "vitest";

process.env.DATABASE_URL = inject("databaseUrl");
