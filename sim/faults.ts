/**
 * Drives the simulator's admin API (admin.ts) from a shell:
 *   npx tsx sim/faults.ts --admin http://127.0.0.1:12199 --sled all --latency 20
 *   npx tsx sim/faults.ts --admin URL --sled <id> --error-rate 0.05 --error-status 503
 *   npx tsx sim/faults.ts --admin URL --sled <id> --fail-next 3 --method PUT
 *   npx tsx sim/faults.ts --admin URL --sled <id> --refuse --for 5000
 *   npx tsx sim/faults.ts --admin URL --sled <id> --crash --restart-after 2000
 *   npx tsx sim/faults.ts --admin URL --sled <id> --reconcile-error <zone-id>="zone failed to start"
 *   npx tsx sim/faults.ts --admin URL --clear          (or --show)
 *   npx tsx sim/faults.ts --admin URL --nexus 0 --error-rate 1 --error-status 500
 *   npx tsx sim/faults.ts --admin URL --nexus 1 --stale   (--fresh, --era jan-2025, --plan)
 *   npx tsx sim/faults.ts --admin URL --nexus all --block pending-mgs-update [--block-sled ID]
 *   npx tsx sim/faults.ts --admin URL --nexus all --unblock
 * Prints the admin API's answer as JSON; exits 1 when it refuses.
 */
import { parseArgs } from "node:util";

const HELP = `usage: npx tsx sim/faults.ts --admin URL [--sled ID|all] ACTION...
  faults:  --latency MS|MIN-MAX  --error-rate R [--error-status S]  --hang  --fail-next N [--fail-status S]
           [--method GET|PUT] [--path /omicron-config] [--replace]
  sleds:   --refuse [--for MS]  --accept  --crash [--restart-after MS]  --restart
           --reconcile-error ITEM=MESSAGE (that item's reconciliation fails)  --reconcile-ok
  nexus:   --nexus I|all with the faults above, --refuse [--for MS], --accept, --stale, --fresh,
           --era lockstep|jan-2025|future; --nexus all --plan (one planning step now);
           --nexus all --block missing-sled-inventory|pending-mgs-update|measurements|unsafe-zones|
             mupdate|error|target-refused [--block-sled ID] [--message TEXT]; --unblock;
           --limit N (Nexus's blueprint limit)
  other:   --show  --clear`;

type Call = { method: "GET" | "POST" | "PUT" | "DELETE"; path: string; body?: unknown };

const STRING_OPTS = [
  "admin",
  "sled",
  "latency",
  "error-rate",
  "error-status",
  "fail-next",
  "fail-status",
  "method",
  "path",
  "for",
  "restart-after",
  "nexus",
  "era",
  "block",
  "block-sled",
  "message",
  "limit",
  "reconcile-error",
];
const BOOL_OPTS = [
  "hang",
  "replace",
  "refuse",
  "accept",
  "crash",
  "restart",
  "show",
  "clear",
  "help",
  "stale",
  "fresh",
  "plan",
  "unblock",
  "reconcile-ok",
];

function num(v: string | undefined): number | undefined {
  return v === undefined ? undefined : Number(v);
}

type Values = Record<string, string | boolean | undefined>;
const str = (v: Values, k: string): string | undefined => {
  const x = v[k];
  return typeof x === "string" ? x : undefined;
};

function faultBody(v: Values, sled: string): Record<string, unknown> | null {
  const s = (k: string) => str(v, k);
  const spec: Record<string, unknown> = { sled };
  const latency = s("latency");
  if (latency !== undefined) {
    const [min, max] = latency.split("-").map(Number);
    spec.latencyMs = max === undefined ? min : { min, max };
  }
  if (s("error-rate") !== undefined)
    spec.errorRate = { rate: num(s("error-rate")), status: num(s("error-status")) ?? 503 };
  if (v.hang) spec.hang = true;
  if (s("fail-next") !== undefined)
    spec.failNext = { count: num(s("fail-next")), status: num(s("fail-status")) ?? 503 };
  if (s("method") !== undefined) spec.method = s("method");
  if (s("path") !== undefined) spec.path = s("path");
  return Object.keys(spec).length > 1 ? spec : null;
}

/** The simulated Nexus's instances (sim/nexus/admin-routes.ts) instead of the sleds. */
function nexusCalls(v: Values, instance: string): Call[] {
  const out: Call[] = [];
  const q = encodeURIComponent(instance);
  if (v.clear)
    out.push({
      method: "DELETE",
      path: instance === "all" ? "/__sim/nexus/faults" : `/__sim/nexus/faults?instance=${q}`,
    });
  const spec = faultBody(v, instance);
  if (spec) {
    const { sled: _sled, ...rest } = spec;
    out.push({
      method: v.replace ? "PUT" : "POST",
      path: "/__sim/nexus/faults",
      body: { ...rest, instance },
    });
  }
  const action = (name: string, body: Record<string, unknown> = {}) =>
    out.push({ method: "POST", path: `/__sim/nexus/${q}/${name}`, body });
  if (v.refuse) action("refuse", str(v, "for") === undefined ? {} : { forMs: num(str(v, "for")) });
  if (v.accept) action("accept");
  if (v.stale) action("stale", { stale: true });
  if (v.fresh) action("stale", { stale: false });
  if (str(v, "era") !== undefined) action("era", { era: str(v, "era") });
  const block = str(v, "block");
  if (block !== undefined)
    out.push({
      method: "POST",
      path: "/__sim/nexus/block",
      body: {
        kind: block,
        ...(str(v, "block-sled") !== undefined && { sledId: str(v, "block-sled") }),
        ...(str(v, "message") !== undefined && { message: str(v, "message") }),
      },
    });
  if (v.unblock) out.push({ method: "DELETE", path: "/__sim/nexus/block" });
  if (str(v, "limit") !== undefined)
    out.push({ method: "POST", path: "/__sim/nexus/limit", body: { limit: num(str(v, "limit")) } });
  if (v.plan) out.push({ method: "POST", path: "/__sim/nexus/plan", body: {} });
  if (v.show || out.length === 0) out.push({ method: "GET", path: "/__sim/nexus" });
  return out;
}

function calls(v: Values): Call[] {
  const nexus = str(v, "nexus");
  if (nexus !== undefined) return nexusCalls(v, nexus);
  const sled = str(v, "sled") ?? "all";
  const out: Call[] = [];
  if (v.clear)
    out.push({
      method: "DELETE",
      path: sled === "all" ? "/__sim/faults" : `/__sim/faults?sled=${encodeURIComponent(sled)}`,
    });
  const spec = faultBody(v, sled);
  if (spec) out.push({ method: v.replace ? "PUT" : "POST", path: "/__sim/faults", body: spec });
  const action = (name: string, body: Record<string, unknown> = {}) =>
    out.push({ method: "POST", path: `/__sim/sleds/${encodeURIComponent(sled)}/${name}`, body });
  if (v.refuse) action("refuse", str(v, "for") === undefined ? {} : { forMs: num(str(v, "for")) });
  if (v.accept) action("accept");
  if (v.crash)
    action(
      "crash",
      str(v, "restart-after") === undefined ? {} : { restartAfterMs: num(str(v, "restart-after")) },
    );
  if (v.restart) action("restart");
  const failing = str(v, "reconcile-error");
  if (failing !== undefined) {
    const eq = failing.indexOf("=");
    const item = eq < 0 ? failing : failing.slice(0, eq);
    const message = eq < 0 ? "simulated reconciliation error" : failing.slice(eq + 1);
    action("reconcile-errors", { items: { [item]: message } });
  }
  if (v["reconcile-ok"]) action("reconcile-errors", { items: {} });
  if (v.show || out.length === 0) out.push({ method: "GET", path: "/__sim/faults" });
  return out;
}

async function main(): Promise<number> {
  let values: Values;
  try {
    const options: Record<string, { type: "string" | "boolean" }> = {};
    for (const k of STRING_OPTS) options[k] = { type: "string" };
    for (const k of BOOL_OPTS) options[k] = { type: "boolean" };
    values = parseArgs({ args: process.argv.slice(2), options, strict: true }).values;
  } catch (e) {
    console.error(`${e instanceof Error ? e.message : String(e)}\n${HELP}`);
    return 2;
  }
  if (values.help || typeof values.admin !== "string") {
    console.error(HELP);
    return values.help ? 0 : 2;
  }
  const admin = values.admin.replace(/\/+$/, "");
  for (const c of calls(values)) {
    const res = await fetch(`${admin}${c.path}`, {
      method: c.method,
      headers: c.body === undefined ? {} : { "content-type": "application/json" },
      body: c.body === undefined ? undefined : JSON.stringify(c.body),
    });
    const text = await res.text();
    console.log(`${c.method} ${c.path} → ${res.status}\n${text}`);
    if (!res.ok) return 1;
  }
  return 0;
}

main().then(
  (code) => process.exit(code),
  (e: unknown) => {
    console.error(e instanceof Error ? e.message : e);
    process.exit(1);
  },
);
