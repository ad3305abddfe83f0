/** What the numbers were measured on: they mean little without it. */
import { execFileSync } from "node:child_process";
import os from "node:os";

export interface Machine {
  cpuModel: string;
  cores: number;
  memoryGiB: number;
  node: string;
  platform: string;
  /** 1-minute load average when the run started and ended: other work on the box skews timings. */
  loadAverage: { start: number; end: number | null };
  postgres?: string;
  chromium?: string;
}

export function machineInfo(): Machine {
  const cpu = os.cpus()[0];
  return {
    cpuModel: cpu?.model.trim() ?? "unknown",
    cores: os.cpus().length,
    memoryGiB: Math.round((os.totalmem() / 2 ** 30) * 10) / 10,
    node: process.version,
    platform: `${os.type()} ${os.release()} ${os.arch()}`,
    loadAverage: { start: os.loadavg()[0] ?? 0, end: null },
  };
}

export function chromiumVersion(path: string): string | undefined {
  try {
    return execFileSync(path, ["--version"], {
      encoding: "utf8",
      timeout: 10_000,
      stdio: ["ignore", "pipe", "ignore"],
    }).trim();
  } catch {
    return undefined;
  }
}
