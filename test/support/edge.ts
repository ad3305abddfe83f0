/**
 * The console's HTTP front in tests. `asClient(ip)`: the headers the edge (server/http/edge.ts)
 * adds for a client at `ip`, to call the route handler directly as if through it.
 * `startEdgeServer`: a real HTTP server on 127.0.0.1 with the edge in front of the real route
 * handler (Next's part, turning the Node request into a fetch Request and back, played by a
 * small adapter), for what only a socket shows: the peer address, the connection's end.
 */
import { createServer, type IncomingMessage, type RequestListener } from "node:http";
import type { AddressInfo } from "node:net";
import { Readable } from "node:stream";
import { GET, POST } from "~/app/api/trpc/[trpc]/route";
import { CLIENT_HEADER, EDGE_HEADER, edgeToken, setEdgeToken } from "~/server/http/client-key";
import { edgeHandler, type EdgeConfig } from "~/server/http/edge";

function token(): string {
  if (edgeToken() === undefined) setEdgeToken(`test-${Math.random().toString(36).slice(2)}`);
  return edgeToken() ?? "";
}

export function asClient(ip: string): Record<string, string> {
  return { [CLIENT_HEADER]: ip, [EDGE_HEADER]: token() };
}

function toRequest(req: IncomingMessage): Request {
  const headers = new Headers();
  for (const [k, v] of Object.entries(req.headers))
    if (v !== undefined) headers.set(k, Array.isArray(v) ? v.join(", ") : v);
  const hasBody = req.method !== "GET" && req.method !== "HEAD";
  const init: RequestInit & { duplex?: "half" } = {
    method: req.method,
    headers,
    ...(hasBody ? { body: Readable.toWeb(req) as ReadableStream<Uint8Array>, duplex: "half" } : {}),
  };
  return new Request(`http://${req.headers.host ?? "localhost"}${req.url ?? "/"}`, init);
}

/** Next's part: the route handler behind a Node request listener. */
export const routeListener: RequestListener = (req, res) => {
  const request = toRequest(req);
  void (req.method === "GET" ? GET(request) : POST(request)).then(async (response) => {
    res.writeHead(response.status, Object.fromEntries(response.headers));
    const reader = response.body?.getReader();
    for (let r = await reader?.read(); r && !r.done; r = await reader?.read()) res.write(r.value);
    res.end();
  });
};

export async function startEdgeServer(
  config: Partial<EdgeConfig> = {},
  inner: RequestListener = routeListener,
): Promise<{ url: string; port: number; close: () => Promise<void> }> {
  token(); // the edge keeps a token already set, so asClient() and the server agree
  const server = createServer(
    edgeHandler(inner, { trustedProxies: [], lingerMs: 2_000, ...config }),
  );
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    close: () =>
      new Promise<void>((r) => {
        server.closeAllConnections();
        server.close(() => r());
      }),
  };
}
