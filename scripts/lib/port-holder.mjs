// Who listens on a TCP port (Linux /proc; elsewhere: unknown), so that "port in use" can say
// whether it is a console left running from this checkout (stop it) or a foreign process.
import { readFileSync, readdirSync, readlinkSync } from "node:fs";

/** `read()`, or undefined when it throws (gone, not ours, not Linux). @template T @param {() => T} read */
function attempt(read) {
  try {
    return read();
  } catch {
    return undefined;
  }
}

/** Inodes of the sockets listening on `port` (IPv4 and IPv6). @param {number} port */
function listeningInodes(port) {
  const hexPort = port.toString(16).toUpperCase().padStart(4, "0");
  /** @type {Set<string>} */
  const inodes = new Set();
  for (const table of ["/proc/net/tcp", "/proc/net/tcp6"]) {
    const text = attempt(() => readFileSync(table, "utf8")) ?? "";
    for (const line of text.split("\n").slice(1)) {
      const cols = line.trim().split(/\s+/);
      // cols: sl local_address rem_address st … inode (10th); 0A is LISTEN
      if (cols.length > 9 && cols[3] === "0A" && cols[1]?.endsWith(`:${hexPort}`))
        inodes.add(cols[9] ?? "");
    }
  }
  inodes.delete("0");
  return inodes;
}

/**
 * The process listening on `port` as far as this user can see: pid, command line and working
 * directory; undefined when unknown (another user's process, or not Linux).
 * @param {number} port
 * @returns {{ pid: number, cmdline: string[], cwd: string | undefined } | undefined}
 */
export function portHolder(port) {
  const inodes = listeningInodes(port);
  if (!inodes.size) return undefined;
  const pids = attempt(() => readdirSync("/proc").filter((d) => /^\d+$/.test(d))) ?? [];
  for (const pid of pids) {
    for (const fd of attempt(() => readdirSync(`/proc/${pid}/fd`)) ?? []) {
      const link = attempt(() => readlinkSync(`/proc/${pid}/fd/${fd}`)) ?? "";
      const inode = /^socket:\[(\d+)\]$/.exec(link)?.[1];
      if (inode && inodes.has(inode)) return describe(Number(pid));
    }
  }
  return undefined;
}

/** @param {number} pid */
function describe(pid) {
  const cmdline = attempt(() => readFileSync(`/proc/${pid}/cmdline`, "utf8").split("\0")) ?? [];
  const cwd = attempt(() => readlinkSync(`/proc/${pid}/cwd`));
  return { pid, cmdline: cmdline.filter(Boolean), cwd };
}

/** The console's own entry points: a process running one of these from `root` is ours. */
const CONSOLE_SCRIPTS = ["scripts/start.mjs", "scripts/serve.mjs"];

/**
 * The one-line message for a port that is in use, naming a console of this checkout (`root`)
 * and how to stop it, or the foreign process when it can be seen.
 * @param {number} port
 * @param {string} root
 * @param {string} setting the variable that picks another port, e.g. "PORT"
 */
export function portInUseMessage(port, root, setting) {
  const holder = portHolder(port);
  if (!holder) return `port ${port} is in use: stop the other process or set ${setting}=…`;
  const script = holder.cmdline.find((a) =>
    CONSOLE_SCRIPTS.some((s) => a === s || a.endsWith(`/${s}`)),
  );
  const ours =
    script !== undefined &&
    (script.startsWith("/") ? script.startsWith(`${root}/`) : holder.cwd === root);
  if (ours)
    return (
      `port ${port} is held by a Blueprint Console of this checkout, pid ${holder.pid} ` +
      `(${holder.cmdline.slice(1).join(" ")}): stop it with \`kill ${holder.pid}\` ` +
      `(or Ctrl-C where it runs), or set ${setting}=…`
    );
  const what = holder.cmdline.join(" ").slice(0, 120) || "unknown command";
  return `port ${port} is in use by another process, pid ${holder.pid} (${what}): stop it or set ${setting}=…`;
}
