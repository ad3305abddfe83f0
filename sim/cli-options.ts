/**
 * Command line of the simulator (main.ts). Bad arguments come back as a message, not a throw.
 */
import { parseArgs } from "node:util";
import type { SledAgentProfile } from "../lib/wire/types";
import type { RefusalStatus } from "./errors";

export const DEFAULT_BASE_PORT = 12200;
export const DEFAULT_DATA_DIR = ".data/sim";
/** Prefix of the one line of JSON main.ts prints once every sled listens. */
export const READY_PREFIX = "SIM_READY ";

export const USAGE = `usage: npx tsx sim/main.ts (--sleds N | --blueprint FILE) [options]
  --sleds N                 example rack of N sleds (lib/examples makeExampleRack)
  --blueprint FILE          start from this blueprint (any format the console imports)
  --profile split|reconciler  sled-agent API profile (default reconciler)
  --sled-profile ID=PROFILE one sled's profile, overriding --profile (repeatable: a mixed rack)
  --port BASE               sled i listens on BASE+i (default ${DEFAULT_BASE_PORT}; 0: free ports)
  --admin-port P            fault-injection admin API (default BASE-1; 0: a free port)
  --data DIR                ledger directory (default ${DEFAULT_DATA_DIR}); existing ledgers win
  --dataset-deletion strict|ignore  ignore = January 2025: removed datasets are kept (orphaned)
  --reconcile-ms N          duration of one reconciliation pass (default 1000)
  --refusal-status 409|500  status for strict-semantics refusals (default 409)
  --seed S                  example-rack and fault-injection seed
  --nexus N                 also run a simulated Nexus with N lockstep instances (default 0: none)
  --nexus-port P            Nexus instance i listens on P+i (default 0: free ports)
  --nexus-era lockstep|jan-2025  the API era the Nexus speaks (default lockstep)
  --nexus-planner-ms N      the scripted planner makes a child blueprint every N ms (default 0: off)
  --nexus-executor-ms N     push the enabled target to the sled agents every N ms (default 5000; 0: off)`;

export interface SimCliOptions {
  sleds: number | null;
  blueprintFile: string | null;
  profile: SledAgentProfile;
  /** `--sled-profile ID=PROFILE` overrides, by sled id. */
  sledProfiles: Record<string, SledAgentProfile>;
  basePort: number;
  adminPort: number;
  dataDir: string;
  datasetDeletion: "strict" | "ignore";
  reconcileMs: number;
  refusalStatus: RefusalStatus;
  seed: string | null;
  /** The simulated Nexus (`--nexus N`, N > 0), or null. */
  nexus: SimCliNexus | null;
}

export interface SimCliNexus {
  instances: number;
  basePort: number;
  era: "lockstep" | "jan-2025";
  plannerMs: number;
  executorMs: number;
}

export type CliParse = { ok: true; options: SimCliOptions } | { ok: false; message: string };

type Parsed<T> = { ok: true; value: T } | { ok: false; message: string };

function int(name: string, v: string, min: number, max: number): Parsed<number> {
  const n = Number(v);
  if (Number.isInteger(n) && n >= min && n <= max) return { ok: true, value: n };
  return {
    ok: false,
    message: `--${name} must be a whole number from ${min} to ${max}, got "${v}"`,
  };
}

function oneOf<T extends string>(name: string, v: string, allowed: readonly T[]): Parsed<T> {
  const found = allowed.find((a) => a === v);
  return found
    ? { ok: true, value: found }
    : { ok: false, message: `--${name} must be ${allowed.join(" or ")}, got "${v}"` };
}

const OPTIONS = [
  ...["sleds", "blueprint", "profile", "port", "admin-port", "data"],
  ...["dataset-deletion", "reconcile-ms", "refusal-status", "seed"],
  ...["nexus", "nexus-port", "nexus-era", "nexus-planner-ms", "nexus-executor-ms"],
];

type Raw = { v: Record<string, string | undefined>; sledProfiles: string[] };

function rawArgs(argv: string[]): Parsed<Raw> {
  const options: Record<string, { type: "string"; multiple?: boolean }> = {
    "sled-profile": { type: "string", multiple: true },
  };
  for (const k of OPTIONS) options[k] = { type: "string" };
  try {
    const { values } = parseArgs({ args: argv, strict: true, options });
    const v: Record<string, string | undefined> = {};
    for (const k of OPTIONS) v[k] = typeof values[k] === "string" ? values[k] : undefined;
    const pairs = values["sled-profile"];
    const sledProfiles = Array.isArray(pairs) ? pairs.filter((x) => typeof x === "string") : [];
    return { ok: true, value: { v, sledProfiles } };
  } catch (e) {
    return { ok: false, message: e instanceof Error ? e.message : String(e) };
  }
}

function sledProfiles(pairs: string[]): Parsed<Record<string, SledAgentProfile>> {
  const out: Record<string, SledAgentProfile> = {};
  for (const pair of pairs) {
    const [id, profile] = pair.split("=");
    if (!id || (profile !== "split" && profile !== "reconciler"))
      return {
        ok: false,
        message: `--sled-profile wants ID=split or ID=reconciler, got "${pair}"`,
      };
    out[id] = profile;
  }
  return { ok: true, value: out };
}

function nexusArgs(v: Raw["v"]): Parsed<SimCliNexus | null> {
  const instances = int("nexus", v.nexus ?? "0", 0, 16);
  const port = int("nexus-port", v["nexus-port"] ?? "0", 0, 65535);
  const era = oneOf("nexus-era", v["nexus-era"] ?? "lockstep", ["lockstep", "jan-2025"] as const);
  const plannerMs = int("nexus-planner-ms", v["nexus-planner-ms"] ?? "0", 0, 86_400_000);
  const executorMs = int("nexus-executor-ms", v["nexus-executor-ms"] ?? "5000", 0, 86_400_000);
  if (!instances.ok) return instances;
  if (!port.ok) return port;
  if (!era.ok) return era;
  if (!plannerMs.ok) return plannerMs;
  if (!executorMs.ok) return executorMs;
  if (instances.value === 0) return { ok: true, value: null };
  return {
    ok: true,
    value: {
      instances: instances.value,
      basePort: port.value,
      era: era.value,
      plannerMs: plannerMs.value,
      executorMs: executorMs.value,
    },
  };
}

export function parseSimArgs(argv: string[]): CliParse {
  const raw = rawArgs(argv);
  if (!raw.ok) return raw;
  const { v } = raw.value;
  const perSled = sledProfiles(raw.value.sledProfiles);
  if (!perSled.ok) return perSled;
  if (v.sleds === undefined && v.blueprint === undefined)
    return { ok: false, message: "give --sleds N or --blueprint FILE" };
  const sleds =
    v.sleds === undefined ? ({ ok: true, value: null } as const) : int("sleds", v.sleds, 1, 1000);
  const base = int("port", v.port ?? String(DEFAULT_BASE_PORT), 0, 65535);
  const reconcileMs = int("reconcile-ms", v["reconcile-ms"] ?? "1000", 0, 3_600_000);
  const adminPort = base.ok
    ? int("admin-port", v["admin-port"] ?? String(base.value > 0 ? base.value - 1 : 0), 0, 65535)
    : base;
  const profile = oneOf("profile", v.profile ?? "reconciler", ["split", "reconciler"] as const);
  const deletion = oneOf("dataset-deletion", v["dataset-deletion"] ?? "strict", [
    "strict",
    "ignore",
  ] as const);
  const refusal = oneOf("refusal-status", v["refusal-status"] ?? "409", ["409", "500"] as const);
  if (!sleds.ok) return sleds;
  if (!base.ok) return base;
  if (!reconcileMs.ok) return reconcileMs;
  if (!adminPort.ok) return adminPort;
  if (!profile.ok) return profile;
  if (!deletion.ok) return deletion;
  if (!refusal.ok) return refusal;
  const nexus = nexusArgs(v);
  if (!nexus.ok) return nexus;
  return {
    ok: true,
    options: {
      sleds: sleds.value,
      blueprintFile: v.blueprint ?? null,
      profile: profile.value,
      sledProfiles: perSled.value,
      basePort: base.value,
      adminPort: adminPort.value,
      dataDir: v.data ?? DEFAULT_DATA_DIR,
      datasetDeletion: deletion.value,
      reconcileMs: reconcileMs.value,
      refusalStatus: refusal.value === "409" ? 409 : 500,
      seed: v.seed ?? null,
      nexus: nexus.value,
    },
  };
}
