// Child processes of the demo rack (scripts/lib/demo-rack.mjs): tsx scripts run to completion,
// and the simulated rack, which runs until stopped (with a pid file so a SIGKILLed
// `npm start` does not leave it holding its ports).
import { spawn } from "node:child_process";
import { existsSync, readFileSync, rmSync } from "node:fs";
import { createInterface } from "node:readline";
import { ConfigError, isAlive } from "./postgres.mjs";

const SIM_READY = "SIM_READY ";
/** `node --import` this: the child stops itself when its parent (npm start) is gone. */
export const WATCH_PARENT = new URL("./exit-with-parent.mjs", import.meta.url).href;
const SIM_START_TIMEOUT_MS = 60_000;

/** Runs a tsx child to completion and returns its stdout lines. */
export function runTsx(
  /** @type {string} */ root,
  /** @type {string[]} */ args,
  /** @type {NodeJS.ProcessEnv} */ env,
) {
  return new Promise((res, rej) => {
    const child = spawn(process.execPath, ["--import", "tsx", "--import", WATCH_PARENT, ...args], {
      cwd: root,
      env,
      stdio: ["ignore", "pipe", "inherit"],
    });
    /** @type {string[]} */
    const lines = [];
    createInterface({ input: child.stdout }).on("line", (l) => lines.push(l));
    child.on("error", rej);
    child.on("exit", (code) =>
      code === 0 ? res(lines) : rej(new Error(`${args[0]} ${args[1]} failed (exit code ${code})`)),
    );
  });
}

/** A simulator left by a SIGKILLed `npm start` still holds the ports: stop it (by its pid file). */
export async function stopLeftoverSim(
  /** @type {string} */ pidFile,
  /** @type {(m: string) => void} */ log,
) {
  if (!existsSync(pidFile)) return;
  const pid = Number(readFileSync(pidFile, "utf8"));
  let cmdline = "";
  try {
    cmdline = readFileSync(`/proc/${pid}/cmdline`, "utf8");
  } catch {
    /* not running */
  }
  if (pid && isAlive(pid) && cmdline.includes("sim/main.ts")) {
    process.kill(pid, "SIGTERM");
    for (let i = 0; i < 100 && isAlive(pid); i++) await new Promise((r) => setTimeout(r, 100));
    log(`stopped a leftover simulated rack (pid ${pid}) from an earlier run`);
  }
  rmSync(pidFile, { force: true });
}

/** Starts sim/main.ts and resolves with its SIM_READY payload. */
export function startSim(
  /** @type {string} */ root,
  /** @type {string[]} */ args,
  /** @type {(m: string) => void} */ log,
) {
  const child = spawn(
    process.execPath,
    ["--import", "tsx", "--import", WATCH_PARENT, "sim/main.ts", ...args],
    {
      cwd: root,
      stdio: ["ignore", "pipe", "pipe"],
    },
  );
  const ready = new Promise((res, rej) => {
    const timer = setTimeout(
      () => rej(new Error("the simulated rack did not start within 60 s")),
      SIM_START_TIMEOUT_MS,
    );
    createInterface({ input: child.stdout }).on("line", (line) => {
      if (line.startsWith(SIM_READY)) {
        clearTimeout(timer);
        res(JSON.parse(line.slice(SIM_READY.length)));
      }
    });
    createInterface({ input: child.stderr }).on("line", (line) => {
      log(line);
      if (/EADDRINUSE/.test(line))
        rej(
          new ConfigError(
            `a simulated sled's port is in use: stop the other process or set SIM_PORT=…`,
          ),
        );
    });
    child.on("exit", (code, signal) => {
      clearTimeout(timer);
      rej(new Error(`the simulated rack exited (${signal ?? `exit code ${code}`})`));
    });
  });
  return { child, ready };
}
