/**
 * The racks, users and passwords the execution journeys use. Shared by the seed process
 * (seed-racks.ts, run with tsx) and the specs, so both agree on names.
 */
export const E2E_PASSWORD = "e2e-password-not-secret";

/** name → roles. `oscar` holds both roles: the requester who could otherwise approve. */
export const E2E_USERS = {
  olivia: ["viewer", "operator"],
  avery: ["viewer", "approver"],
  oscar: ["viewer", "operator", "approver"],
  vic: ["viewer"],
  /** Sets policy levels and maintenance windows (issue 16). */
  ada: ["viewer", "admin"],
} as const;
export type E2EUser = keyof typeof E2E_USERS;

export interface RackSpec {
  sleds: number;
  profile: "split" | "reconciler";
  /** Expunge the first crucible zone on this many sleds (from the first). */
  expungeOnSleds: number;
  /** Instead: the target expunges (and decommissions) the first sled. */
  expungeSled?: boolean;
  /** Instead: the target expunges a disk of the first sled that hosts no zone. */
  expungeDisk?: boolean;
  /** Also a simulated Nexus, its executor racing every second, the rack linked to it. */
  nexus?: boolean;
}

/** One simulated rack per journey, so faults and generations never leak between them. */
export const E2E_RACKS = {
  "j1-expunge": { sleds: 2, profile: "reconciler", expungeOnSleds: 2 },
  "j2-self-approve": { sleds: 2, profile: "reconciler", expungeOnSleds: 1 },
  "j3-fault": { sleds: 3, profile: "split", expungeOnSleds: 3 },
  "j4-retry": { sleds: 2, profile: "reconciler", expungeOnSleds: 2 },
  "j5-stale": { sleds: 2, profile: "reconciler", expungeOnSleds: 2 },
  "j6-restart": { sleds: 3, profile: "split", expungeOnSleds: 3 },
  "j7-cancel": { sleds: 2, profile: "split", expungeOnSleds: 2 },
  "j8-expunge-sled": { sleds: 2, profile: "split", expungeOnSleds: 0, expungeSled: true },
  "j9-dashboard": { sleds: 2, profile: "reconciler", expungeOnSleds: 1 },
  "j10-policy": { sleds: 2, profile: "reconciler", expungeOnSleds: 0, expungeDisk: true },
  "j9-nexus": { sleds: 2, profile: "reconciler", expungeOnSleds: 2, nexus: true },
  "j10-live": { sleds: 2, profile: "reconciler", expungeOnSleds: 2 },
  "j10-pages": { sleds: 2, profile: "reconciler", expungeOnSleds: 1 },
} as const satisfies Record<string, RackSpec>;
export type E2ERack = keyof typeof E2E_RACKS;

export interface SeededRack {
  rackId: string;
  parentId: string;
  targetId: string;
  admin: string;
  sleds: { id: string; url: string; profile: "split" | "reconciler" }[];
  /** Zone ids the target expunges, in sled order. */
  expungedZones: string[];
  /** The sled the target expunges (`expungeSled` racks). */
  expungedSled?: string;
  /** The disk the target expunges (`expungeDisk` racks). */
  expungedDisk?: string;
}

export interface SeedState {
  racks: Record<string, SeededRack>;
}

export const READY_LINE = "E2E_SEED_READY ";
