/**
 * CPU time (user + system) of processes, from /proc (Linux), in ms: what a run cost the
 * machine, whatever else shares it. null where /proc cannot be read.
 */
import { readdirSync, readFileSync } from "node:fs";

const TICKS_PER_SECOND = 100; // USER_HZ on Linux

/** utime + stime of one process, ms; null when it cannot be read. */
export function processCpuMs(pid: number): number | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    // fields after the command (which may hold spaces) in parentheses
    const rest = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    const utime = Number(rest[11]);
    const stime = Number(rest[12]);
    return ((utime + stime) * 1000) / TICKS_PER_SECOND;
  } catch {
    return null;
  }
}

/** Pids of PostgreSQL backends serving `database` (by their process title), or []. */
export function postgresBackends(database: string): number[] {
  try {
    return readdirSync("/proc")
      .filter((d) => /^\d+$/.test(d))
      .filter((d) => {
        try {
          const cmd = readFileSync(`/proc/${d}/cmdline`, "utf8");
          return cmd.startsWith("postgres:") && cmd.includes(` ${database} `);
        } catch {
          return false;
        }
      })
      .map(Number);
  } catch {
    return [];
  }
}

/** CPU ms of each of the given pids (null: unreadable, e.g. gone). */
export function cpuOf(pids: number[]): Map<number, number | null> {
  return new Map(pids.map((p) => [p, processCpuMs(p)]));
}

/**
 * CPU used by the pids between two readings. A process gone by the second reading (killed)
 * counts nothing: what it used before dying cannot be read any more.
 */
export function cpuDelta(
  before: Map<number, number | null>,
  after: Map<number, number | null>,
): number {
  let ms = 0;
  for (const [pid, t] of after) if (t !== null) ms += t - (before.get(pid) ?? 0);
  return ms;
}
