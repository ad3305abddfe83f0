/**
 * SLED_AGENT_ALLOWED_HOSTS: where the console may send requests on an operator's say-so
 * (rack.setSledAgent stores the address; rack.inventory and executions call it). Without the
 * list, any operator could make the console fetch any URL (cloud metadata, internal admin
 * pages) and show viewers what came back. Default: loopback and the private ranges a rack's
 * underlay uses, plus `localhost`; host names other than listed ones are refused (they are
 * not resolved: a name's address can change after the check).
 */
import { hostAllowed, parseHostList, type HostList } from "~/lib/net/address.ts";

export const DEFAULT_AGENT_HOSTS =
  "localhost 127.0.0.0/8 ::1 10.0.0.0/8 172.16.0.0/12 192.168.0.0/16 fc00::/7";

/** The list parsed last, by its text: every call to an agent checks it, the text rarely changes. */
let parsedLast: { text: string; list: HostList } | null = null;

/** The parsed list; throws with the variable's name when an entry is malformed. */
export function agentHostsFromEnv(env: Record<string, string | undefined> = process.env): HostList {
  const text = env.SLED_AGENT_ALLOWED_HOSTS?.trim() || DEFAULT_AGENT_HOSTS;
  if (parsedLast?.text === text) return parsedLast.list;
  const parsed = parseHostList(text);
  if (!parsed.ok) throw new Error(`invalid SLED_AGENT_ALLOWED_HOSTS: ${parsed.errors.join("; ")}`);
  parsedLast = { text, list: parsed.list };
  return parsed.list;
}

/** Why the console may not call `address`, or null when it may. */
export function agentAddressRefusal(address: string, env = process.env): string | null {
  let url: URL;
  try {
    url = new URL(address);
  } catch {
    return `"${address}" is not a URL`;
  }
  if (url.protocol !== "http:" && url.protocol !== "https:")
    return `the sled agent address must be http:// or https://, not ${url.protocol}`;
  if (!hostAllowed(agentHostsFromEnv(env), url.hostname))
    return `${url.hostname} is not an allowed sled agent host (SLED_AGENT_ALLOWED_HOSTS: loopback and private ranges unless configured; names only when listed)`;
  return null;
}
