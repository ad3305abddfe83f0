/**
 * Command line of the simulator (main.ts). Bad arguments come back as a message, not a throw.
 */
import { parseArgs } from "node:util";
import type { SledAgentProfile } from "../../lib/wire/types";
import type { RefusalStatus } from "./errors";

export const DEFAULT_BASE_PORT = 12200;
export const DEFAULT_DATA_DIR = ".data/sim";
/** Prefix of the one line of JSON main.ts prints once every sled listens. */
export const READY_PREFIX = "SIM_READY ";

export const USAGE = `usage: npx tsx server/sim/main.ts (--sleds N | --blueprint FILE) [options]
  --sleds N                 example rack of N sleds (lib/examples makeExampleRack)
  --blueprint FILE          start from this blueprint (any format the console imports)
  --profile split|reconciler  sled-agent API profile (default reconciler)
  --port BASE               sled i listens on BASE+i (default ${DEFAULT_BASE_PORT}; 0: free ports)
  --admin-port P            fault-injection admin API (default BASE-1; 0: a free port)
  --data DIR                ledger directory (default ${DEFAULT_DATA_DIR}); existing ledgers win
  --dataset-deletion strict|ignore  ignore = January 2025: removed datasets are kept (orphaned)
  --reconcile-ms N          duration of one reconciliation pass (default 1000)
  --refusal-status 409|500  status for strict-semantics refusals (default 409)
  --seed S                  example-rack and fault-injection seed`;

export interface SimCliOptions {
  sleds: number | null;
  blueprintFile: string | null;
  profile: SledAgentProfile;
  basePort: number;
  adminPort: number;
  dataDir: string;
  datasetDeletion: "strict" | "ignore";
  reconcileMs: number;
  refusalStatus: RefusalStatus;
  seed: string | null;
}

export type CliParse = { ok: true; options: SimCliOptions } | { ok: false; message: string };

function int(name: string, v: string | undefined, min: number, max: number): number | string {
  if (v === undefined) return `--${name} is required`;
  const n = Number(v);
  return Number.isInteger(n) && n >= min && n <= max ? n : `--${name} must be a whole number from ${min} to ${max}, got "${v}"`;
}

export function parseSimArgs(argv: string[]): CliParse {
  let values;
  try {
    ({ values } = parseArgs({
      args: argv,
      strict: true,
      options: Object.fromEntries(
        ["sleds", "blueprint", "profile", "port", "admin-port", "data", "dataset-deletion", "reconcile-ms", "refusal-status", "seed"].map((k) => [k, { type: "string" as const }]),
      ),
    }));
  } catch (e) {
    return { ok: false, message: e instanceof Error ? e.message : String(e) };
  }
  const v = values as Record<string, string | undefined>; // every option above is a string option
  if (v.sleds === undefined && v.blueprint === undefined) return { ok: false, message: "give --sleds N or --blueprint FILE" };
  const sleds = v.sleds === undefined ? null : int("sleds", v.sleds, 1, 1000);
  const basePort = int("port", v.port ?? String(DEFAULT_BASE_PORT), 0, 65535);
  const reconcileMs = int("reconcile-ms", v["reconcile-ms"] ?? "1000", 0, 3_600_000);
  const numbers = [sleds, basePort, reconcileMs];
  const bad = numbers.find((n): n is string => typeof n === "string");
  if (bad) return { ok: false, message: bad };
  const base = basePort as number; // checked just above
  const adminPort = int("admin-port", v["admin-port"] ?? String(base > 0 ? base - 1 : 0), 0, 65535);
  if (typeof adminPort === "string") return { ok: false, message: adminPort };
  const profile = v.profile ?? "reconciler";
  if (profile !== "split" && profile !== "reconciler") return { ok: false, message: `--profile must be split or reconciler, got "${profile}"` };
  const deletion = v["dataset-deletion"] ?? "strict";
  if (deletion !== "strict" && deletion !== "ignore") return { ok: false, message: `--dataset-deletion must be strict or ignore, got "${deletion}"` };
  const refusal = v["refusal-status"] ?? "409";
  if (refusal !== "409" && refusal !== "500") return { ok: false, message: `--refusal-status must be 409 or 500, got "${refusal}"` };
  return {
    ok: true,
    options: {
      sleds: sleds as number | null,
      blueprintFile: v.blueprint ?? null,
      profile,
      basePort: base,
      adminPort,
      dataDir: v.data ?? DEFAULT_DATA_DIR,
      datasetDeletion: deletion,
      reconcileMs: reconcileMs as number,
      refusalStatus: refusal === "409" ? 409 : 500,
      seed: v.seed ?? null,
    },
  };
}
