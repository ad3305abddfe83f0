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

/** Summed CPU ms of the given pids (unreadable ones count 0). */
export function cpuOf(pids: number[]): Map<number, number> {
  return new Map(pids.map((p) => [p, processCpuMs(p) ?? 0]));
}

/** CPU used by `pids` between two readings (processes that vanished count what was seen). */
export function cpuDelta(before: Map<number, number>, after: Map<number, number>): number {
  let ms = 0;
  for (const [pid, t] of after) ms += t - (before.get(pid) ?? 0);
  return ms;
}
