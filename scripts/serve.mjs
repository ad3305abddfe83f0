#!/usr/bin/env node
// Serves the production build (.next) like `next start`, behind the console's HTTP front
// (scripts/lib/edge.mjs): the e2e suite's console. `npm start` does the same in its own
// process after preparing the database; use this when the database is already there.
//   node scripts/serve.mjs [-p PORT] [-H HOST]      (defaults: PORT or 3000, all interfaces)
import { existsSync } from "node:fs";
import { createServer } from "node:http";
import { resolve } from "node:path";
import { loadEdge } from "./lib/edge.mjs";

const ROOT = resolve(import.meta.dirname, "..");

function arg(/** @type {string} */ flag) {
  const i = process.argv.indexOf(flag);
  return i < 0 ? undefined : process.argv[i + 1];
}

async function main() {
  const port = Number(arg("-p") ?? process.env.PORT ?? 3000);
  const hostname = arg("-H");
  if (!existsSync(resolve(ROOT, ".next/BUILD_ID")))
    throw new Error("no production build: run `npx next build` first");
  const wrap = await loadEdge();
  Object.assign(process.env, { NODE_ENV: "production" });
  const { default: next } = await import("next");
  const app = next({ dev: false, dir: ROOT, hostname, port });
  await app.prepare();
  const server = createServer(wrap(app.getRequestHandler()));
  await new Promise((res, rej) => {
    server.once("error", rej);
    server.listen(port, hostname, () => res(undefined));
  });
  console.log(`serving ${ROOT}/.next on http://${hostname ?? "localhost"}:${port}`);
  const stop = () => {
    server.close(() => process.exit(0));
    server.closeAllConnections(); // idle keep-alive sockets would hold close() open
  };
  process.on("SIGTERM", stop);
  process.on("SIGINT", stop);
}

main().catch((err) => {
  console.error(`serve: ${err instanceof Error ? err.message : err}`);
  process.exit(1);
});
