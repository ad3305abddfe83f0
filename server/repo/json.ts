/**
 * The JSON columns the console writes itself (plans, ledgered generations, blueprint models,
 * the issues of raw Nexus blueprints), read back as domain types at the repository boundary.
 * Only the console writes them, from values of these types, so a structural check is enough;
 * it fails loudly on a corrupt row (naming the row) instead of handing services and the
 * executor an `undefined` deep inside a plan.
 */
import type { Blueprint } from "~/lib/blueprint/model.ts";
import type { Plan } from "~/lib/plan/types.ts";
import type { SledLedgers } from "~/lib/sled/state.ts";
import type { Prisma } from "../generated/prisma/client.ts";

export type Json = Prisma.InputJsonValue;

/**
 * A domain value (Plan, Blueprint, an outcome) as a JSON column. Prisma's input type takes any
 * object, so this only names the promise the callers keep: the value is plain JSON by
 * construction (lib/plan/types.ts, lib/blueprint/model.ts: no Dates, Maps or class instances).
 */
export function toJson(value: object): Json {
  return value;
}

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === "object" && v !== null && !Array.isArray(v);
const isArrayOf = (v: unknown, item: (x: unknown) => boolean) => Array.isArray(v) && v.every(item);

function corrupt(what: string, why: string): never {
  throw new Error(`corrupt ${what} in the database: ${why}`);
}

const LEDGERS = ["disks", "datasets", "zones", "config"] as const;

function isLedgers(v: unknown): v is SledLedgers {
  return isObj(v) && LEDGERS.every((k) => Number.isInteger(v[k]));
}

function isSledPlan(v: unknown): boolean {
  return (
    isObj(v) &&
    typeof v.sledId === "string" &&
    typeof v.profile === "string" &&
    isLedgers(v.assumed) &&
    isLedgers(v.final) &&
    isArrayOf(v.stepIds, (s) => typeof s === "string")
  );
}

function isStep(v: unknown): boolean {
  return (
    isObj(v) &&
    typeof v.id === "string" &&
    typeof v.sledId === "string" &&
    isArrayOf(v.dependsOn, (s) => typeof s === "string")
  );
}

function isPlan(v: unknown): v is Plan {
  return (
    isObj(v) &&
    v.version === 1 &&
    typeof v.parentBlueprintId === "string" &&
    typeof v.targetBlueprintId === "string" &&
    isArrayOf(v.sleds, isSledPlan) &&
    isArrayOf(v.steps, isStep)
  );
}

/** An execution's stored plan (written by createExecution from a Plan). */
export function readPlan(json: unknown, executionId: string): Plan {
  return isPlan(json) ? json : corrupt(`plan of execution ${executionId}`, "not a plan");
}

/** A sled agent's last ledgered generations; null: the console has not brought it anywhere yet. */
export function readLedgers(json: unknown, sledId: string): SledLedgers | null {
  if (json === null || json === undefined) return null;
  return isLedgers(json)
    ? json
    : corrupt(`ledgered generations of sled ${sledId}`, "not four generations");
}

function isSled(v: unknown): boolean {
  return (
    isObj(v) &&
    typeof v.id === "string" &&
    isArrayOf(v.disks, isObj) &&
    isArrayOf(v.datasets, isObj) &&
    isArrayOf(v.zones, isObj)
  );
}

function isBlueprint(v: unknown): v is Blueprint {
  return (
    isObj(v) &&
    typeof v.id === "string" &&
    (v.parentId === null || typeof v.parentId === "string") &&
    isArrayOf(v.sleds, isSled)
  );
}

/** A stored blueprint's model (stored from a parsed, validated Blueprint only). */
export function readBlueprint(json: unknown, id: string): Blueprint {
  return isBlueprint(json) ? json : corrupt(`model of blueprint ${id}`, "not a blueprint");
}

export interface Issue {
  path: string;
  message: string;
}

function isIssues(v: unknown): v is Issue[] {
  return isArrayOf(
    v,
    (i) => isObj(i) && typeof i.path === "string" && typeof i.message === "string",
  );
}

/** What the console could not read in a raw Nexus blueprint (written by insertRawBlueprint). */
export function readIssues(json: unknown, id: string): Issue[] {
  return isIssues(json) ? json : corrupt(`issues of raw blueprint ${id}`, "not a list of issues");
}
