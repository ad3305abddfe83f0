/**
 * Field-by-field comparison of one item's two versions. Values are compared as JSON (key
 * order ignored) because everything in the model is plain JSON; fields omicron adds later
 * land in `extra` and are compared the same way, so an unknown change is still a change.
 */
import type { Dataset, PhysicalDisk, Zone } from "../blueprint/model";
import type { FieldChange } from "./types";

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

export function jsonEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (Array.isArray(a) || Array.isArray(b)) {
    if (!Array.isArray(a) || !Array.isArray(b) || a.length !== b.length) return false;
    return a.every((item, i) => jsonEqual(item, b[i]));
  }
  if (!isPlainObject(a) || !isPlainObject(b)) return false;
  // Every key of either side, each once (a key of b that is also an own enumerable key of a
  // was compared in the first loop).
  for (const key of Object.keys(a)) {
    if (!jsonEqual(a[key], b[key])) return false;
  }
  for (const key of Object.keys(b)) {
    if (!ownEnumerable(a, key) && !jsonEqual(a[key], b[key])) return false;
  }
  return true;
}

const ownEnumerable = (o: object, key: string): boolean =>
  Object.prototype.propertyIsEnumerable.call(o, key);

/** `undefined` is not JSON; a missing field is reported as `null`. */
function orNull(value: unknown): unknown {
  return value === undefined ? null : value;
}

class ChangeList {
  readonly changes: FieldChange[] = [];

  compare(field: string, before: unknown, after: unknown): void {
    if (!jsonEqual(orNull(before), orNull(after))) {
      this.changes.push({ field, before: orNull(before), after: orNull(after) });
    }
  }

  /** Each named field, in the order given (the order changes are listed in). */
  compareFields<T>(before: T, after: T, fields: readonly (keyof T & string)[]): void {
    for (const field of fields) this.compare(field, before[field], after[field]);
  }

  compareRecords(
    prefix: string,
    before: Record<string, unknown>,
    after: Record<string, unknown>,
  ): void {
    // Equal records (the common case) have no changing member: skip the sorted key list.
    if (jsonEqual(before, after)) return;
    const keys = [...new Set([...Object.keys(before), ...Object.keys(after)])].sort();
    for (const key of keys) this.compare(`${prefix}.${key}`, before[key], after[key]);
  }
}

const DISK_FIELDS = ["disposition", "expungedAsOf", "readyForCleanup", "poolId"] as const;
const DATASET_FIELDS = [
  "disposition",
  "pool",
  "kind",
  "address",
  "quota",
  "reservation",
  "compression",
] as const;
const ZONE_FIELDS = [
  "disposition",
  "expungedAsOf",
  "readyForCleanup",
  "filesystemPool",
  "imageSource",
] as const;

export function diskChanges(before: PhysicalDisk, after: PhysicalDisk): FieldChange[] {
  const list = new ChangeList();
  list.compareFields(before, after, DISK_FIELDS);
  list.compare("identity.vendor", before.identity.vendor, after.identity.vendor);
  list.compare("identity.model", before.identity.model, after.identity.model);
  list.compare("identity.serial", before.identity.serial, after.identity.serial);
  list.compareRecords("extra", before.extra, after.extra);
  return list.changes;
}

export function datasetChanges(before: Dataset, after: Dataset): FieldChange[] {
  const list = new ChangeList();
  list.compareFields(before, after, DATASET_FIELDS);
  list.compareRecords("extra", before.extra, after.extra);
  return list.changes;
}

export function zoneChanges(before: Zone, after: Zone): FieldChange[] {
  const list = new ChangeList();
  list.compareFields(before, after, ZONE_FIELDS);
  list.compareRecords("zoneType", before.zoneType, after.zoneType);
  list.compareRecords("extra", before.extra, after.extra);
  return list.changes;
}

/** Sled-level fields other than the item lists. */
export function sledFieldChanges(
  before: {
    state: string;
    generation: number;
    splitGenerations?: object;
    extra: Record<string, unknown>;
  },
  after: typeof before,
): FieldChange[] {
  const list = new ChangeList();
  list.compare("state", before.state, after.state);
  list.compare("generation", before.generation, after.generation);
  list.compare("splitGenerations", before.splitGenerations, after.splitGenerations);
  list.compareRecords("extra", before.extra, after.extra);
  return list.changes;
}
