/**
 * A process and what it started, from Linux's /proc: the pids of a process tree and the TCP
 * ports they listen on, so a test can prove that stopping `npm start` leaves nothing behind.
 */
import { readFileSync, readdirSync, readlinkSync } from "node:fs";
import { createServer } from "node:net";

const attempt = <T>(read: () => T): T | undefined => {
  try {
    return read();
  } catch {
    return undefined;
  }
};

const ppidOf = (pid: number): number | undefined => {
  const stat = attempt(() => readFileSync(`/proc/${pid}/stat`, "utf8"));
  return stat ? Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]) : undefined;
};

export const cmdlineOf = (pid: number): string =>
  attempt(() => readFileSync(`/proc/${pid}/cmdline`, "utf8").split("\0").join(" ").trim()) ?? "";

/** Running (a zombie, exited but not yet reaped by its parent or init, counts as gone). */
export const isAlive = (pid: number): boolean => {
  const stat = attempt(() => readFileSync(`/proc/${pid}/stat`, "utf8"));
  return (
    stat !== undefined && stat.slice(stat.lastIndexOf(")") + 2, stat.lastIndexOf(")") + 3) !== "Z"
  );
};

/** `root` and every process below it. */
export function processTree(root: number): number[] {
  const pids = (attempt(() => readdirSync("/proc")) ?? []).filter((d) => /^\d+$/.test(d));
  const children = new Map<number, number[]>();
  for (const p of pids.map(Number)) {
    const parent = ppidOf(p);
    if (parent !== undefined) children.set(parent, [...(children.get(parent) ?? []), p]);
  }
  const out: number[] = [];
  const walk = (pid: number) => {
    out.push(pid);
    for (const c of children.get(pid) ?? []) walk(c);
  };
  walk(root);
  return out;
}

/** The TCP ports these processes listen on (IPv4 and IPv6). */
export function listeningPorts(pids: number[]): number[] {
  const portOfInode = new Map<string, number>();
  for (const table of ["/proc/net/tcp", "/proc/net/tcp6"]) {
    const text = attempt(() => readFileSync(table, "utf8")) ?? "";
    for (const line of text.split("\n").slice(1)) {
      const cols = line.trim().split(/\s+/);
      const local = cols[1];
      if (cols[3] === "0A" && local && cols[9])
        portOfInode.set(cols[9], parseInt(local.slice(local.lastIndexOf(":") + 1), 16));
    }
  }
  const ports = new Set<number>();
  for (const pid of pids)
    for (const fd of attempt(() => readdirSync(`/proc/${pid}/fd`)) ?? []) {
      const link = attempt(() => readlinkSync(`/proc/${pid}/fd/${fd}`)) ?? "";
      const port = portOfInode.get(/^socket:\[(\d+)\]$/.exec(link)?.[1] ?? "");
      if (port !== undefined) ports.add(port);
    }
  return [...ports].sort((a, b) => a - b);
}

/** Whether this process could listen on the port now (nobody holds it). */
export const portIsFree = (port: number): Promise<boolean> =>
  new Promise((resolve) => {
    const srv = createServer();
    srv.once("error", () => resolve(false));
    srv.listen({ port, host: "0.0.0.0", exclusive: true }, () => srv.close(() => resolve(true)));
  });
