/**
 * The client address the console's own HTTP server (server/http/edge.ts) vouches for. The
 * App Router route handler never sees the socket, and every forwarding header may have been
 * written by the client, so the edge overwrites `x-bpc-client` with the address it worked out
 * (socket peer, or X-Forwarded-For through TRUSTED_PROXIES) and adds `x-bpc-edge` with a
 * random token it made at boot and keeps in this process's globalThis. The route believes
 * `x-bpc-client` only next to that token: served any other way (a bare `next start`), every
 * request counts as the one client "unvouched" rather than as whatever a header claims.
 */
import { timingSafeEqual } from "node:crypto";

export const CLIENT_HEADER = "x-bpc-client";
export const EDGE_HEADER = "x-bpc-edge";
export const UNVOUCHED = "unvouched";

const TOKEN = Symbol.for("blueprint-console.edge-token");
type Holder = { [TOKEN]?: string };

export function edgeToken(): string | undefined {
  return (globalThis as Holder)[TOKEN];
}

/** Set once by the edge (and by tests that play the edge). */
export function setEdgeToken(token: string): void {
  (globalThis as Holder)[TOKEN] = token;
}

/** The request's client address, or "unvouched" when the edge did not vouch for it. */
export function requestClient(req: Request): string {
  const token = edgeToken();
  const given = req.headers.get(EDGE_HEADER);
  if (token === undefined || given === null || !sameSecret(given, token)) return UNVOUCHED;
  return req.headers.get(CLIENT_HEADER) ?? UNVOUCHED;
}

/** Compared in constant time: the answer's timing must not reveal the token bit by bit. */
function sameSecret(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}
