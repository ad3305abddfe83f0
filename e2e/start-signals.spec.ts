// Stopping `npm start` by its npm process alone (issue 13): SIGTERM, SIGINT or SIGKILL to
// npm's pid, or SIGKILL to the console process itself, must leave nothing behind: no process
// of the tree npm started (the console, the embedded PostgreSQL, the simulated racks and
// Nexus, any guard) and no port they listened on.
import { spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { expect, test } from "@playwright/test";
import { freePort } from "../scripts/lib/postgres.mjs";
import {
  cmdlineOf,
  isAlive,
  listeningPorts,
  portIsFree,
  processTree,
} from "./support/process-tree";

/**
 * `npm start` on private ports, with its data in `dir`; resolves once it is fully up.
 * `nexus`: also the demo-nexus rack (its own simulated sleds and a simulated Nexus).
 */
async function npmStart(dir: string, nexus: boolean) {
  const [port, pgPort] = [await freePort(), await freePort()];
  const { DATABASE_URL: _ignored, ...rest } = process.env;
  const npm = spawn("npm", ["start"], {
    env: {
      ...rest,
      PORT: String(port),
      EMBEDDED_PG_PORT: String(pgPort),
      EMBEDDED_PG_DIR: join(dir, "pg"),
      DEMO_DATA_DIR: dir,
      SIM_PORT: "0", // every simulated sled agent and Nexus on a free port
      DEMO_NEXUS: nexus ? "1" : "0",
      DEMO_NEXUS_PLANNER_MS: "0",
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let out = "";
  await new Promise<void>((resolve, reject) => {
    const onData = (chunk: Buffer) => {
      out += chunk.toString();
      if (out.includes("Ctrl-C stops it.")) resolve();
    };
    npm.stdout.on("data", onData);
    npm.stderr.on("data", onData);
    npm.on("exit", (code) => reject(new Error(`npm start exited ${code}:\n${out}`)));
  });
  return { npm, port, pgPort, output: () => out };
}

async function waitUntil(condition: () => boolean | Promise<boolean>, timeoutMs: number) {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition()) && Date.now() < deadline)
    await new Promise((r) => setTimeout(r, 200));
}

// Each case is a whole start: they run side by side (each on its own ports and data). A signal
// to npm reaches the console's own shutdown, which stops each simulated rack alike: those cases
// start one rack; the SIGKILLed console, whose children must each notice, starts both.
test.describe.configure({ mode: "parallel" });

const cases: {
  name: string;
  nexus: boolean;
  kill: (npm: ChildProcess, tree: number[]) => void;
}[] = [
  { name: "SIGTERM to npm", nexus: false, kill: (npm) => npm.kill("SIGTERM") },
  { name: "SIGINT to npm", nexus: false, kill: (npm) => npm.kill("SIGINT") },
  { name: "SIGKILL to npm", nexus: false, kill: (npm) => npm.kill("SIGKILL") },
  {
    // The console itself dies without a chance to stop anything: its children watch it.
    name: "SIGKILL to the console process",
    nexus: true,
    kill: (_npm, tree) => {
      const console = tree.find((pid) => cmdlineOf(pid).includes("scripts/start.mjs"));
      if (console === undefined) throw new Error("no scripts/start.mjs process under npm");
      process.kill(console, "SIGKILL");
    },
  },
];

for (const { name, nexus, kill } of cases) {
  test(`npm start leaves nothing behind after ${name}`, async () => {
    // A start (embedded PostgreSQL from scratch, two simulated racks), then its stop.
    test.setTimeout(180_000);
    const dir = mkdtempSync(join(tmpdir(), "bpc-start-signal-"));
    let tree: number[] = [];
    try {
      const { npm, port, pgPort } = await npmStart(dir, nexus);
      tree = processTree(npm.pid ?? -1);
      const ports = listeningPorts(tree);
      // The console, PostgreSQL, and the simulators (8 demo sleds and their admin API; with
      // demo-nexus, 4 more sleds, their admin API and a Nexus).
      expect(ports).toContain(port);
      expect(ports).toContain(pgPort);
      expect(ports.length).toBeGreaterThanOrEqual(nexus ? 17 : 11);
      expect(tree.some((pid) => cmdlineOf(pid).includes("sim/main.ts"))).toBe(true);

      kill(npm, tree);
      await waitUntil(() => tree.every((pid) => !isAlive(pid)), 30_000);
      const left = tree.filter(isAlive).map((pid) => `${pid} ${cmdlineOf(pid)}`);
      expect(left, "processes left running").toEqual([]);
      const held = [];
      for (const p of ports) if (!(await portIsFree(p))) held.push(p);
      expect(held, "ports still held").toEqual([]);
    } finally {
      for (const pid of tree) if (isAlive(pid)) process.kill(pid, "SIGKILL");
      rmSync(dir, { recursive: true, force: true });
    }
  });
}

test("the console has a favicon: pages link the icon, /favicon.ico leads to it", async ({
  request,
}) => {
  const login = await (await request.get("/login")).text();
  const href = /<link rel="icon" href="([^"]+)"[^>]*type="image\/svg\+xml"/.exec(login)?.[1];
  expect(href, "the login page links an SVG icon").toBeTruthy();
  const icon = await request.get(href ?? "");
  expect(icon.status()).toBe(200);
  expect(icon.headers()["content-type"]).toContain("image/svg+xml");
  const favicon = await request.get("/favicon.ico"); // follows the redirect
  expect(favicon.status()).toBe(200);
  expect(favicon.headers()["content-type"]).toContain("image/svg+xml");
});
