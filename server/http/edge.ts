/**
 * The console's HTTP front: wraps Next's request handler (scripts/start.mjs, scripts/serve.mjs)
 * and, before Next sees a request,
 * - works out the client's address from the socket (X-Forwarded-For only through a proxy
 *   listed in TRUSTED_PROXIES) and vouches for it to the route (server/http/client-key.ts);
 * - drops every forwarding header an untrusted peer sent (X-Forwarded-For/-Host/-Proto/-Port,
 *   X-Real-IP, Forwarded), so nothing downstream can be fooled by them;
 * - closes a connection cleanly when the answer came before the request body was read (a 413
 *   on a streamed upload): it says `Connection: close`, stops sending, and keeps reading and
 *   discarding what the client still sends for a moment, so the client sees the answer and an
 *   orderly end instead of a reset.
 */
import { randomBytes } from "node:crypto";
import type { IncomingMessage, RequestListener, ServerResponse } from "node:http";
import { cidrContains, parseHostList, parseIp, type Cidr } from "~/lib/net/address.ts";
import { clientAddress } from "~/lib/net/client-address.ts";
import { CLIENT_HEADER, EDGE_HEADER, edgeToken, setEdgeToken } from "./client-key.ts";

export interface EdgeConfig {
  trustedProxies: Cidr[];
  /** How long to keep draining an unread body after answering; then the socket is destroyed. */
  lingerMs: number;
}

/** TRUSTED_PROXIES: IPs and CIDRs of the proxies in front of the console (default: none). */
export function edgeConfigFromEnv(env: Record<string, string | undefined>): EdgeConfig {
  const parsed = parseHostList(env.TRUSTED_PROXIES ?? "");
  if (!parsed.ok) throw new Error(`invalid TRUSTED_PROXIES: ${parsed.errors.join("; ")}`);
  if (parsed.list.names.length)
    throw new Error(
      `invalid TRUSTED_PROXIES: list proxies by IP address or CIDR, not by name (${parsed.list.names.join(", ")})`,
    );
  return { trustedProxies: parsed.list.cidrs, lingerMs: 2_000 };
}

const FORWARDING = [
  "x-forwarded-for",
  "x-forwarded-host",
  "x-forwarded-proto",
  "x-forwarded-port",
  "x-real-ip",
  "forwarded",
];

/** Rewrites the request's headers in place; returns the client address. */
export function vouchForClient(req: IncomingMessage, config: EdgeConfig, token: string): string {
  const peer = req.socket.remoteAddress ?? "";
  const forwarded = req.headers["x-forwarded-for"];
  const client = clientAddress(
    peer,
    Array.isArray(forwarded) ? forwarded.join(",") : forwarded,
    config.trustedProxies,
  );
  const peerIp = parseIp(peer);
  const peerTrusted = peerIp !== null && config.trustedProxies.some((c) => cidrContains(c, peerIp));
  // A trusted proxy's X-Forwarded-Proto/-Host stand; from anyone else they are the client's word.
  for (const h of peerTrusted ? ["x-real-ip", "forwarded"] : FORWARDING) delete req.headers[h];
  req.headers["x-forwarded-for"] = client;
  req.headers[CLIENT_HEADER] = client;
  req.headers[EDGE_HEADER] = token;
  return client;
}

/**
 * Answered before the body was read: close after this response, drain the rest for a moment.
 * Node would otherwise destroy the socket with unread data in it, which the kernel turns into
 * a reset that can reach the client before it has read the answer.
 */
function closeCleanlyIfUnread(req: IncomingMessage, res: ServerResponse, lingerMs: number) {
  // Captured now: Next may detach the request from its socket when it stops reading the body.
  const socket = req.socket as typeof req.socket & { destroySoon?: () => void };
  const writeHead = res.writeHead.bind(res) as (...a: unknown[]) => ServerResponse;
  res.writeHead = (...args: unknown[]) => {
    if (!req.complete) {
      res.setHeader("connection", "close");
      res.shouldKeepAlive = false;
      // Node ends a `Connection: close` response with socket.destroySoon(), which destroys the
      // socket as soon as the FIN is out: half-close instead, and keep reading (discarding).
      socket.destroySoon = () => {
        socket.end();
        req.resume();
        const timer = setTimeout(() => socket.destroy(), lingerMs);
        timer.unref();
        socket.once("close", () => clearTimeout(timer));
      };
    }
    return writeHead(...args);
  };
}

/** Next's handler behind the edge. Sets this process's edge token on first use. */
export function edgeHandler(handle: RequestListener, config: EdgeConfig): RequestListener {
  const token = edgeToken() ?? randomBytes(24).toString("base64url");
  setEdgeToken(token);
  return (req, res) => {
    vouchForClient(req, config, token);
    if (req.method !== "GET" && req.method !== "HEAD")
      closeCleanlyIfUnread(req, res, config.lingerMs);
    return handle(req, res);
  };
}
