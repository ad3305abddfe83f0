/**
 * What the signed-in user may do, with the reason when not (Oxide console's `instanceCan`
 * helpers). The UI disables a button and says this reason; the server enforces the same rule
 * (server/trpc.ts `roleProcedure`).
 */
import type { inferRouterOutputs } from "@trpc/server";
import type { AppRouter } from "~/server/routers/_app";

export type SessionUser = NonNullable<inferRouterOutputs<AppRouter>["auth"]["me"]>;
export type Role = SessionUser["roles"][number];

export type Permission = { ok: true } | { ok: false; reason: string };

export function needsRole(user: SessionUser | null, role: Role, action: string): Permission {
  if (!user) return { ok: false, reason: `Log in to ${action}.` };
  if (user.roles.includes(role)) return { ok: true };
  const held = user.roles.length > 0 ? user.roles.join(", ") : "no roles";
  return { ok: false, reason: `To ${action} you need the ${role} role; ${user.name} has ${held}.` };
}

export const can = {
  createRack: (user: SessionUser | null) => needsRole(user, "operator", "add racks"),
  importBlueprint: (user: SessionUser | null) => needsRole(user, "operator", "import blueprints"),
  createChild: (user: SessionUser | null) => needsRole(user, "operator", "create child blueprints"),
  setSledAgent: (user: SessionUser | null) =>
    needsRole(user, "operator", "register or change sled agents"),
  setNexus: (user: SessionUser | null) => needsRole(user, "operator", "link the rack to its Nexus"),
  setPolicy: (user: SessionUser | null) =>
    needsRole(user, "admin", "change policy levels and maintenance windows"),
};
