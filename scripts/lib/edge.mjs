// The console's HTTP front (server/http/edge.ts), loaded through tsx like the other TypeScript
// the scripts run: it works out each client's address from the socket (X-Forwarded-For only
// through TRUSTED_PROXIES) before Next sees the request. Every way of serving the console
// (npm start, npm run dev, scripts/serve.mjs for the e2e suite) wraps Next's handler in it.
import { tsImport } from "tsx/esm/api";
import { ConfigError } from "./postgres.mjs";

/**
 * Reads TRUSTED_PROXIES now, and checks PUBLIC_URL, SLED_AGENT_ALLOWED_HOSTS and the LOGIN_*
 * throttle settings (a bad value
 * is a ConfigError: one line at startup, before anything starts), and returns `wrap(handle)`,
 * which puts the edge in front of Next's request handler.
 * @returns {Promise<(handle: import("node:http").RequestListener) => import("node:http").RequestListener>}
 */
export async function loadEdge() {
  /** @type {typeof import("../../server/http/edge.ts")} */
  const edge = await tsImport("../../server/http/edge.ts", import.meta.url);
  /** @type {typeof import("../../server/http/public-url.ts")} */
  const publicUrl = await tsImport("../../server/http/public-url.ts", import.meta.url);
  /** @type {typeof import("../../server/http/agent-hosts.ts")} */
  const agentHosts = await tsImport("../../server/http/agent-hosts.ts", import.meta.url);
  /** @type {typeof import("../../server/auth/login-throttle.ts")} */
  const throttle = await tsImport("../../server/auth/login-throttle.ts", import.meta.url);
  const checks = [
    () => publicUrl.parsePublicUrl(process.env.PUBLIC_URL),
    () => agentHosts.agentHostsFromEnv(process.env),
    () => throttle.loginThrottleFromEnv(process.env),
    () => edge.edgeConfigFromEnv(process.env),
  ];
  try {
    for (const check of checks) check();
    const config = edge.edgeConfigFromEnv(process.env);
    return (handle) => edge.edgeHandler(handle, config);
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    const variable = /^invalid (\w+)/.exec(message)?.[1] ?? "it";
    throw new ConfigError(`${message}: fix ${variable} or unset it`);
  }
}
