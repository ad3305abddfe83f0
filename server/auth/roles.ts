/** Roles (issue 5): a user may hold several. viewer reads, operator changes and requests, approver approves, admin sets policy levels (issue 16). */
export const ROLES = ["viewer", "operator", "approver", "admin"] as const;
export type Role = (typeof ROLES)[number];

export interface SessionUser {
  id: string;
  name: string;
  roles: Role[];
}

export function hasRole(user: Pick<SessionUser, "roles">, role: Role): boolean {
  return user.roles.includes(role);
}
