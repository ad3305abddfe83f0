// The console's HTTP front (server/http/edge.ts), loaded through tsx like the other TypeScript
// the scripts run: it works out each client's address from the socket (X-Forwarded-For only
// through TRUSTED_PROXIES) before Next sees the request. Every way of serving the console
// (npm start, npm run dev, scripts/serve.mjs for the e2e suite) wraps Next's handler in it.
import { tsImport } from "tsx/esm/api";
import { ConfigError } from "./postgres.mjs";

/**
 * Reads TRUSTED_PROXIES now (a bad value is a ConfigError: one line at startup) and returns
 * `wrap(handle)`, which puts the edge in front of Next's request handler.
 * @returns {Promise<(handle: import("node:http").RequestListener) => import("node:http").RequestListener>}
 */
export async function loadEdge() {
  /** @type {typeof import("../../server/http/edge.ts")} */
  const edge = await tsImport("../../server/http/edge.ts", import.meta.url);
  let config;
  try {
    config = edge.edgeConfigFromEnv(process.env);
  } catch (err) {
    throw new ConfigError(
      `${err instanceof Error ? err.message : err}: fix TRUSTED_PROXIES or unset it`,
    );
  }
  return (handle) => edge.edgeHandler(handle, config);
}
