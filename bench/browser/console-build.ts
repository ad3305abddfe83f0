/**
 * The console as a production build, built and served from a private copy of the working tree
 * (.data/bench-ui-<pid>/, ignored by git, tsc and eslint), so the benchmark never touches the
 * .next/ that `npm test`'s e2e tier or `npm start` use.
 */
import { execFileSync, spawn, type ChildProcess } from "node:child_process";
import { cpSync, mkdirSync, rmSync, symlinkSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { freePort } from "~/scripts/lib/postgres.mjs";

const ROOT = resolve(import.meta.dirname, "../..");

export interface BuiltConsole {
  dir: string;
  buildMs: number;
  buildOutput: string;
  remove(): void;
}

/** Tracked and untracked-but-not-ignored files, as a fresh clone plus local work would have. */
function sourceFiles(): string[] {
  const out = execFileSync(
    "git",
    ["ls-files", "-z", "--cached", "--others", "--exclude-standard"],
    { cwd: ROOT, encoding: "utf8" },
  );
  return out.split("\0").filter((f) => f && !f.startsWith(".data/"));
}

export function buildConsole(): BuiltConsole {
  const dir = join(ROOT, ".data", `bench-ui-${process.pid}`);
  rmSync(dir, { recursive: true, force: true });
  for (const f of sourceFiles()) {
    mkdirSync(dirname(join(dir, f)), { recursive: true });
    try {
      cpSync(join(ROOT, f), join(dir, f));
    } catch {
      // listed by git but deleted in the working tree: a clone would not have it either
    }
  }
  symlinkSync(join(ROOT, "node_modules"), join(dir, "node_modules"));
  symlinkSync(join(ROOT, "server", "generated"), join(dir, "server", "generated")); // `npm ci`'s prisma generate
  const t0 = performance.now();
  const buildOutput = execFileSync(process.execPath, ["node_modules/next/dist/bin/next", "build"], {
    cwd: dir,
    env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1" },
    encoding: "utf8",
    stdio: ["ignore", "pipe", "pipe"],
    maxBuffer: 64 * 2 ** 20,
  });
  return {
    dir,
    buildMs: performance.now() - t0,
    buildOutput,
    remove: () => rmSync(dir, { recursive: true, force: true }),
  };
}

export interface RunningConsole {
  url: string;
  stop(): Promise<void>;
}

export async function startConsole(dir: string, databaseUrl: string): Promise<RunningConsole> {
  const port = await freePort();
  const child: ChildProcess = spawn(
    process.execPath,
    ["node_modules/next/dist/bin/next", "start", "-p", String(port), "-H", "127.0.0.1"],
    {
      cwd: dir,
      env: {
        ...process.env,
        DATABASE_URL: databaseUrl,
        NODE_ENV: "production",
        API_RATE_PER_SECOND: "0",
        NEXT_TELEMETRY_DISABLED: "1",
      },
      stdio: ["ignore", "ignore", "inherit"],
    },
  );
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`next start exited with ${child.exitCode}`);
    try {
      if ((await fetch(`${url}/api/trpc/health.check`)).ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) throw new Error("next start did not answer within 60 s");
    await new Promise((r) => setTimeout(r, 250));
  }
  return {
    url,
    stop: async () => {
      if (child.exitCode !== null) return;
      const exited = new Promise<void>((r) => child.once("exit", () => r()));
      child.kill("SIGTERM");
      const timer = setTimeout(() => child.kill("SIGKILL"), 10_000);
      await exited;
      clearTimeout(timer);
    },
  };
}
