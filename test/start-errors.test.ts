// `npm start` answers bad configuration with one line that says what to fix (issue 2).
import { spawn } from "node:child_process";
import { connect, createServer, type Server, type Socket } from "node:net";
import { afterAll, describe, expect, it } from "vitest";
import { freePort } from "../scripts/lib/postgres.mjs";

function start(env: Record<string, string>): Promise<{ code: number | null; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ["scripts/start.mjs"], {
      env: { ...process.env, ...env },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let stderr = "";
    child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
    child.on("exit", (code) => resolve({ code, stderr }));
  });
}

const servers: Server[] = [];

/** Whether something accepts connections on 127.0.0.1:port. */
const listening = (port: number) =>
  new Promise<boolean>((resolve) => {
    const socket = connect(port, "127.0.0.1");
    socket.once("connect", () => (socket.destroy(), resolve(true)));
    socket.once("error", () => resolve(false));
  });
afterAll(() => servers.forEach((s) => s.close()));

describe("npm start with bad configuration", () => {
  it("names an unreachable DATABASE_URL", async () => {
    const deadPort = await freePort();
    const result = await start({
      PORT: String(await freePort()),
      DATABASE_URL: `postgresql://postgres@127.0.0.1:${deadPort}/x`,
    });
    expect(result.code).toBe(1);
    expect(result.stderr.trim()).toBe(
      `npm start: cannot reach PostgreSQL at 127.0.0.1:${deadPort} (ECONNREFUSED): ` +
        "set DATABASE_URL to a running server or unset it to use the embedded one",
    );
  });

  it("names a busy port", async () => {
    const port = await freePort();
    const busy = createServer();
    servers.push(busy);
    await new Promise<void>((resolve) => busy.listen(port, resolve));
    const result = await start({
      PORT: String(port),
      DATABASE_URL: "postgresql://unused@127.0.0.1:1/x",
    });
    expect(result.code).toBe(1);
    // This test's own process holds it: named as a foreign process, with its pid.
    expect(result.stderr.trim()).toMatch(
      new RegExp(
        `^npm start: port ${port} is in use by another process, pid ${process.pid} \\(.+\\): stop it or set PORT=…$`,
      ),
    );
  });

  it("names a leftover console of this checkout, with how to stop it", async () => {
    // The leftover: a start that holds its port while it waits for a database that accepts
    // connections and never answers; stopped (SIGSTOP) once listening, so it keeps the port.
    const sockets: Socket[] = [];
    const silentDb = createServer((socket) => sockets.push(socket));
    servers.push(silentDb);
    const dbPort = await freePort();
    await new Promise<void>((resolve) => silentDb.listen(dbPort, "127.0.0.1", resolve));
    const port = await freePort();
    const env = { PORT: String(port), DATABASE_URL: `postgresql://u@127.0.0.1:${dbPort}/x` };
    const leftover = spawn(process.execPath, ["scripts/start.mjs"], {
      env: { ...process.env, ...env },
      stdio: "ignore",
    });
    try {
      while (!(await listening(port))) await new Promise((r) => setTimeout(r, 100));
      leftover.kill("SIGSTOP");
      const result = await start(env);
      expect(result.code).toBe(1);
      expect(result.stderr.trim()).toBe(
        `npm start: port ${port} is held by a Blueprint Console of this checkout, pid ${leftover.pid} ` +
          `(scripts/start.mjs): stop it with \`kill ${leftover.pid}\` (or Ctrl-C where it runs), or set PORT=…`,
      );
    } finally {
      leftover.kill("SIGKILL");
      sockets.forEach((s) => s.destroy());
    }
  });

  it("names an invalid PORT", async () => {
    const result = await start({ PORT: "http", DATABASE_URL: "postgresql://unused@127.0.0.1:1/x" });
    expect(result.code).toBe(1);
    expect(result.stderr.trim().split("\n")).toHaveLength(1);
    expect(result.stderr).toContain("PORT must be a number");
  });
});

describe("npm start with bad security settings", () => {
  it.each([
    [
      "TRUSTED_PROXIES",
      "10.0.0.0/33",
      /^npm start: invalid TRUSTED_PROXIES: "10\.0\.0\.0\/33" is neither/,
    ],
    ["TRUSTED_PROXIES", "proxy.example", /list proxies by IP address or CIDR, not by name/],
    [
      "PUBLIC_URL",
      "ftp://console.example",
      /^npm start: invalid PUBLIC_URL: PUBLIC_URL must be an http/,
    ],
    [
      "SLED_AGENT_ALLOWED_HOSTS",
      "10.0.0.0/8, bad_host",
      /^npm start: invalid SLED_AGENT_ALLOWED_HOSTS: "bad_host"/,
    ],
    [
      "LOGIN_MAX_LOCK_SECONDS",
      "0",
      /^npm start: invalid LOGIN_MAX_LOCK_SECONDS: LOGIN_MAX_LOCK_SECONDS must be ≥ 1/,
    ],
  ])("names a bad %s in one line", async (name, value, message) => {
    const result = await start({
      PORT: String(await freePort()),
      DATABASE_URL: "postgresql://unused@127.0.0.1:1/x",
      [name]: value,
    });
    expect(result.code).toBe(1);
    expect(result.stderr.trim().split("\n")).toHaveLength(1);
    expect(result.stderr.trim()).toMatch(message);
    expect(result.stderr.trim()).toMatch(new RegExp(`fix ${name} or unset it$`));
  });
});
