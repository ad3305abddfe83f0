/** Runs a TypeScript entry point in its own Node process and returns its stdout. */
import { spawn } from "node:child_process";

export function runTsChild(
  entry: string,
  args: readonly string[],
  nodeFlags: readonly string[] = [],
): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [...nodeFlags, "--import", "tsx", entry, ...args], {
      stdio: ["ignore", "pipe", "inherit"],
    });
    let out = "";
    child.stdout.setEncoding("utf8");
    child.stdout.on("data", (d: string) => (out += d));
    child.on("error", reject);
    child.on("close", (code, signal) => {
      if (code === 0) resolve(out);
      else reject(new Error(`${entry} exited with ${signal ?? code}`));
    });
  });
}
