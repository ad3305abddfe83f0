/**
 * The audit log's filters (in the URL) and a one-line rendering of an entry's details.
 * Actions are those the server records (server/services, server/executor).
 */
export const AUDIT_ACTIONS = [
  "execution.request",
  "execution.approve",
  "execution.reject",
  "execution.cancel",
  "execution.start",
  "execution.stale",
  "execution.finish",
  "blueprint.import",
  "blueprint.create-child",
  "rack.set-sled-agent",
  "login",
  "login-refused",
  "login-throttled",
  "logout",
] as const;

export interface AuditFilters {
  executionId?: string;
  actorId?: string;
  action?: string;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function parseAuditFilters(params: { get(name: string): string | null }): AuditFilters {
  const out: AuditFilters = {};
  const executionId = params.get("executionId");
  const actorId = params.get("actorId");
  const action = params.get("action");
  if (executionId && UUID.test(executionId)) out.executionId = executionId;
  if (actorId && UUID.test(actorId)) out.actorId = actorId;
  if (action && (AUDIT_ACTIONS as readonly string[]).includes(action)) out.action = action;
  return out;
}

export function auditSearch(f: AuditFilters): string {
  const p = new URLSearchParams();
  for (const key of ["executionId", "actorId", "action"] as const) {
    const v = f[key];
    if (v) p.set(key, v);
  }
  const s = p.toString();
  return s ? `?${s}` : "";
}

/** `outcome: failed · failedSteps: 1 item` — primitives as they are, the rest summarised. */
export function describeDetails(details: unknown): string {
  if (typeof details !== "object" || details === null) return "";
  return Object.entries(details)
    .filter(([, v]) => v !== "" && v !== null && v !== undefined)
    .map(([k, v]) => {
      if (Array.isArray(v)) return `${k}: ${v.length} item${v.length === 1 ? "" : "s"}`;
      if (typeof v === "object") return `${k}: {…}`;
      const text = String(v);
      return `${k}: ${/^[0-9a-f]{64}$/.test(text) ? `${text.slice(0, 12)}…` : text}`;
    })
    .join(" · ");
}
