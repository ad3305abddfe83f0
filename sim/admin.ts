/**
 * The simulator's admin API, on its own port and under `/__sim/` so it can never be mistaken
 * for omicron's API. See docs/SIMULATOR.md for examples.
 *
 *   GET    /__sim/sleds                       summaries
 *   GET    /__sim/sleds/:id                   ledger file, reconciler phases, request log
 *   POST   /__sim/sleds/:id|all/refuse        {forMs?}  stop listening (for a while)
 *   POST   /__sim/sleds/:id|all/accept        listen again
 *   POST   /__sim/sleds/:id|all/crash         {restartAfterMs?}  kill the agent (restart later)
 *   POST   /__sim/sleds/:id|all/restart       start a crashed agent from its ledger
 *   POST   /__sim/sleds/:id|all/reconcile-errors  {items: {itemId: message}}  those items'
 *                                             reconciliation fails (reconciler profile; {} clears)
 *   GET    /__sim/faults                      current faults, refusing and down sleds
 *   POST   /__sim/faults                      {sled?: id|all, ...FaultSpec}  merge (PUT: replace)
 *   DELETE /__sim/faults[?sled=id]            clear (and reset hung requests)
 *   …      /__sim/nexus/…                     the simulated Nexus (sim/nexus/admin-routes.ts)
 */
import http from "node:http";
import { z } from "zod";
import type { SimControl, Targeted } from "./control";
import { ALL, faultSpecSchema } from "./fault-injector";
import { describeIssues } from "../lib/wire/schemas";
import { errorReply, newRequestId, readJsonBody, sendReply, type Reply } from "./http-util";
import { nexusAdminRoute } from "./nexus/admin-routes";

export interface AdminServer {
  url: string;
  close(): Promise<void>;
}

const faultsBody = faultSpecSchema.extend({ sled: z.string().default(ALL) });
const reconcileErrorsBody = z.strictObject({
  items: z.record(z.string().min(1), z.string().min(1)),
});
const actionBody = z
  .strictObject({
    forMs: z.number().min(0).optional(),
    restartAfterMs: z.number().min(0).optional(),
  })
  .default({});

export async function startAdminServer(
  control: SimControl,
  hostname: string,
  port: number,
): Promise<AdminServer> {
  const server = http.createServer((req, res) => void serve(control, req, res));
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, hostname, () => resolve());
  });
  const addr = server.address();
  const actual = addr && typeof addr === "object" ? addr.port : port;
  return {
    url: `http://${hostname}:${actual}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

async function serve(
  control: SimControl,
  req: http.IncomingMessage,
  res: http.ServerResponse,
): Promise<void> {
  const requestId = newRequestId();
  const url = new URL(req.url ?? "/", "http://sim");
  const body = await readJsonBody(req);
  const reply = body.ok
    ? await route(control, req.method ?? "GET", url, body.value, requestId)
    : body.reply(requestId);
  sendReply(res, reply, requestId);
}

function done(t: Targeted<unknown>, ok: () => unknown, requestId: string): Reply {
  return t.ok
    ? { status: 200, body: ok() }
    : errorReply(404, "ObjectNotFound", t.message, requestId);
}

async function route(
  control: SimControl,
  method: string,
  url: URL,
  body: unknown,
  requestId: string,
): Promise<Reply> {
  const parts = url.pathname.split("/").filter(Boolean);
  if (parts[0] !== "__sim") return errorReply(404, null, "Not Found", requestId);
  if (parts[1] === "nexus")
    return nexusAdminRoute(control.nexus, method, url, parts, body, requestId);
  if (parts[1] === "faults" && parts.length === 2)
    return faults(control, method, url, body, requestId);
  if (parts[1] !== "sleds") return errorReply(404, null, "Not Found", requestId);
  const id = parts[2];
  if (id === undefined && method === "GET") return { status: 200, body: control.sleds() };
  if (id !== undefined && parts.length === 3 && method === "GET") {
    const d = control.detail(id);
    return done(d, () => (d.ok ? d.value : null), requestId);
  }
  const action = parts[3];
  if (id === undefined || parts.length !== 4 || method !== "POST")
    return errorReply(404, null, "Not Found", requestId);
  if (action === "reconcile-errors") {
    const p = reconcileErrorsBody.safeParse(body);
    if (!p.success) return errorReply(400, "InvalidRequest", describeIssues(p.error), requestId);
    return done(control.setReconcileErrors(id, p.data.items), () => control.sleds(), requestId);
  }
  const parsed = actionBody.safeParse(body);
  if (!parsed.success)
    return errorReply(400, "InvalidRequest", describeIssues(parsed.error), requestId);
  const { forMs, restartAfterMs } = parsed.data;
  const ops: Record<string, () => Promise<Targeted>> = {
    refuse: () => control.refuse(id, forMs),
    accept: () => control.accept(id),
    crash: () => control.crash(id, restartAfterMs),
    restart: () => control.restart(id),
  };
  const op = ops[action ?? ""];
  if (!op) return errorReply(404, null, `no action ${action}`, requestId);
  return done(await op(), () => control.sleds(), requestId);
}

function faults(
  control: SimControl,
  method: string,
  url: URL,
  body: unknown,
  requestId: string,
): Reply {
  if (method === "GET") return { status: 200, body: control.faultState() };
  if (method === "DELETE")
    return done(
      control.clearFaults(url.searchParams.get("sled") ?? undefined),
      () => control.faultState(),
      requestId,
    );
  if (method !== "POST" && method !== "PUT")
    return errorReply(405, null, "Method Not Allowed", requestId);
  const parsed = faultsBody.safeParse(body);
  if (!parsed.success)
    return errorReply(400, "InvalidRequest", describeIssues(parsed.error), requestId);
  const { sled, ...spec } = parsed.data;
  return done(
    control.setFaults(sled, spec, method === "PUT" ? "replace" : "merge"),
    () => control.faultState(),
    requestId,
  );
}
