#!/usr/bin/env node
// Prisma Migrate without Prisma's native schema-engine binary (Prisma 7 downloads it from
// outside npm, which these machines cannot reach). Drives @prisma/schema-engine-wasm through
// @prisma/adapter-pg and keeps Prisma's formats: prisma/migrations/*/migration.sql and the
// _prisma_migrations table.
//   node scripts/db-migrate.mjs deploy            # = prisma migrate deploy (creates the db if missing)
//   node scripts/db-migrate.mjs dev --name init   # = prisma migrate dev --name init (create + apply)
//   node scripts/db-migrate.mjs push              # = prisma db push (no migration files)
//   node scripts/db-migrate.mjs reset             # drop everything, re-apply migrations
import { readFile, readdir, mkdir, writeFile, stat } from "node:fs/promises";
import { existsSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join, resolve } from "node:path";
import pg from "pg";
import { PrismaPg } from "@prisma/adapter-pg";
import { bindMigrationAwareSqlAdapterFactory } from "@prisma/driver-adapter-utils";
import { ConfigError, checkReachable } from "./lib/postgres.mjs";

const require = createRequire(import.meta.url);

// @prisma/adapter-pg 7.10 has no mapping for PostgreSQL's internal "char" type (oid 18), which
// the schema engine's catalog queries return (pg_class.relkind etc.): "Column type 'char' could
// not be deserialized". Report such columns as text (oid 25); pg already returns them as strings.
// Patched on pg.Client because pg.Pool.query goes through client.query(…, callback).
const fixFields = (res) => {
  for (const f of res?.fields ?? []) if (f.dataTypeID === 18) f.dataTypeID = 25;
  return res;
};
const origQuery = pg.Client.prototype.query;
pg.Client.prototype.query = function (...args) {
  const cbIdx = args.findIndex((a) => typeof a === "function");
  if (cbIdx >= 0) {
    const cb = args[cbIdx];
    args[cbIdx] = (err, res) => cb(err, fixFields(res));
  } else if (args[0] && typeof args[0].callback === "function") {
    const cb = args[0].callback;
    args[0].callback = (err, res) => cb(err, fixFields(res));
  }
  const r = origQuery.apply(this, args);
  return r && typeof r.then === "function" ? r.then(fixFields) : r;
};

const SCHEMA = resolve(process.env.PRISMA_SCHEMA_PATH ?? "prisma/schema.prisma");
const MIGRATIONS = resolve(process.env.PRISMA_MIGRATIONS_PATH ?? "prisma/migrations");
const DATABASE_URL = process.env.DATABASE_URL;
const filters = { externalTables: [], externalEnums: [] };

let runtimeP;
async function loadEngine() {
  runtimeP ??= (async () => {
    const runtime = await import("@prisma/schema-engine-wasm/schema_engine_bg");
    const wasmDir = dirname(require.resolve("@prisma/schema-engine-wasm/schema_engine_bg"));
    const mod = new WebAssembly.Module(await readFile(join(wasmDir, "schema_engine_bg.wasm")));
    const inst = new WebAssembly.Instance(mod, { "./schema_engine_bg.js": runtime });
    runtime.__wbg_set_wasm(inst.exports);
    inst.exports.__wbindgen_start();
    return runtime;
  })();
  return runtimeP;
}

async function withEngine(url, fn) {
  const rt = await loadEngine();
  const adapter = bindMigrationAwareSqlAdapterFactory(new PrismaPg({ connectionString: url }));
  const log = (line) => process.env.DEBUG_SCHEMA_ENGINE && console.error(line);
  const engine = await rt.SchemaEngine.new({ datamodels: undefined }, log, adapter);
  try {
    return await fn(engine);
  } finally {
    engine.free();
  }
}

async function schemaFiles() {
  const s = await stat(SCHEMA);
  const paths = s.isDirectory()
    ? (await readdir(SCHEMA))
        .filter((f) => f.endsWith(".prisma"))
        .sort()
        .map((f) => join(SCHEMA, f))
    : [SCHEMA];
  return Promise.all(paths.map(async (p) => ({ path: p, content: await readFile(p, "utf8") })));
}

async function migrationList() {
  const dirs = existsSync(MIGRATIONS)
    ? (await readdir(MIGRATIONS, { withFileTypes: true }))
        .filter((d) => d.isDirectory())
        .map((d) => d.name)
        .sort()
    : [];
  const lock = join(MIGRATIONS, "migration_lock.toml");
  return {
    baseDir: MIGRATIONS,
    lockfile: {
      path: "migration_lock.toml",
      content: existsSync(lock) ? await readFile(lock, "utf8") : null,
    },
    shadowDbInitScript: "",
    migrationDirectories: await Promise.all(
      dirs.map(async (name) => ({
        path: name,
        migrationFile: {
          path: "migration.sql",
          content: {
            tag: "ok",
            value: await readFile(join(MIGRATIONS, name, "migration.sql"), "utf8"),
          },
        },
      })),
    ),
  };
}

// Like prisma: create the target database if it does not exist.
async function ensureDatabase(url) {
  await checkReachable(url);
  const u = new URL(url);
  const db = decodeURIComponent(u.pathname.slice(1));
  u.pathname = "/postgres";
  const c = new pg.Client({ connectionString: u.toString() });
  await c.connect();
  try {
    const r = await c.query("select 1 from pg_database where datname=$1", [db]);
    if (!r.rowCount) {
      await c.query(`create database "${db.replace(/"/g, '""')}"`);
      console.log(`Created database ${db}`);
    }
  } finally {
    await c.end();
  }
}

async function deploy() {
  await ensureDatabase(DATABASE_URL);
  const list = await migrationList();
  const out = await withEngine(DATABASE_URL, (e) =>
    e.applyMigrations({ migrationsList: list, filters }),
  );
  console.log(
    out.appliedMigrationNames.length
      ? `Applied: ${out.appliedMigrationNames.join(", ")}`
      : "No pending migrations to apply.",
  );
}

// Diffs the migrations (applied to a shadow database) against the schema and writes the
// difference as a new migration directory.
async function createMigration(name) {
  await checkReachable(DATABASE_URL);
  const shadow = `prisma_shadow_${process.pid}_${Date.now()}`;
  const admin = new URL(DATABASE_URL);
  admin.pathname = "/postgres";
  const adminClient = new pg.Client({ connectionString: admin.toString() });
  await adminClient.connect();
  await adminClient.query(`create database "${shadow}"`);
  const shadowUrl = new URL(DATABASE_URL);
  shadowUrl.pathname = "/" + shadow;
  try {
    const files = await schemaFiles();
    const list = await migrationList();
    const diff = await withEngine(shadowUrl.toString(), async (e) => {
      if (list.migrationDirectories.length)
        await e.applyMigrations({ migrationsList: list, filters });
      return e.diff({
        from: { tag: "schemaDatasource", files, configDir: dirname(SCHEMA) },
        to: { tag: "schemaDatamodel", files },
        script: true,
        exitCode: true,
        filters,
      });
    });
    if (diff.exitCode === 0 || !diff.stdout?.trim()) {
      console.log("Already in sync, no new migration.");
      return;
    }
    const ts = new Date().toISOString().replace(/[-:T]/g, "").slice(0, 14);
    const dir = join(MIGRATIONS, `${ts}_${(name || "migration").replace(/[^a-zA-Z0-9_]/g, "_")}`);
    await mkdir(dir, { recursive: true });
    await writeFile(join(dir, "migration.sql"), diff.stdout);
    const lock = join(MIGRATIONS, "migration_lock.toml");
    if (!existsSync(lock)) {
      await writeFile(
        lock,
        '# Please do not edit this file manually\n# It should be added in your version-control system (e.g., Git)\nprovider = "postgresql"\n',
      );
    }
    console.log(`Created ${dir}/migration.sql`);
  } finally {
    await adminClient.query(`drop database if exists "${shadow}" with (force)`);
    await adminClient.end();
  }
}

async function push() {
  await ensureDatabase(DATABASE_URL);
  const files = await schemaFiles();
  const force = process.argv.includes("--accept-data-loss");
  const out = await withEngine(DATABASE_URL, (e) =>
    e.schemaPush({ force, schema: { files }, filters }),
  );
  console.log("db push:", JSON.stringify(out));
}

async function reset() {
  await ensureDatabase(DATABASE_URL);
  await withEngine(DATABASE_URL, (e) => e.reset({ filter: filters }));
  await deploy();
}

const [cmd, ...rest] = process.argv.slice(2);
const nameIdx = rest.indexOf("--name");
const t0 = Date.now();
try {
  if (!DATABASE_URL)
    throw new ConfigError("DATABASE_URL is not set: point it at a PostgreSQL database");
  if (cmd === "deploy") await deploy();
  else if (cmd === "dev") {
    await createMigration(nameIdx >= 0 ? rest[nameIdx + 1] : rest[0]);
    await deploy();
  } else if (cmd === "push") await push();
  else if (cmd === "reset") await reset();
  else {
    console.error(
      "usage: db-migrate.mjs deploy | dev --name NAME | push [--accept-data-loss] | reset",
    );
    process.exit(2);
  }
  console.log(`db-migrate ${cmd} done in ${Date.now() - t0} ms`);
  process.exit(0); // the adapter keeps an idle pg pool open (10 s idle timeout): exit explicitly
} catch (err) {
  if (err instanceof ConfigError) console.error(`db-migrate: ${err.message}`);
  else console.error(err);
  process.exit(1);
}
