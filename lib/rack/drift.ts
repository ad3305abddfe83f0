/**
 * Drift: how a sled agent's ledgered config differs from what the console believes the sled
 * runs (the rack's current blueprint, as the agent would hold it for its API profile).
 *
 * - missing:   in service in the blueprint, absent from the agent's ledger;
 * - extra:     in the agent's ledger, not in service in the blueprint;
 * - differing: in both, with different contents (`fields` names the top-level fields);
 * - orphaned:  datasets on the sled's pools that no ledgered config names (omicron's
 *   `orphaned_datasets`; the January-2025 agent kept removed datasets, omicron #6177);
 * - generations: ledger generations other than the ones the console expects.
 * Pure: the server reads inventories over HTTP and hands the results here.
 */
import type { ItemKind, SledConfig } from "../blueprint/model";
import { datasetFullName, shortId } from "../blueprint/zones";
import { sameJson } from "../util/canonical-json";
import { inServiceWireItems } from "../wire/bodies";
import type { SledAgentProfile, WireDataset, WireItems } from "../wire/types";

export type LedgerName = "disks" | "datasets" | "zones" | "config";
export type Generations = Partial<Record<LedgerName, number>>;

/** A dataset that exists on the sled's pools, by full ZFS name (`oxp_…/crypt/zone`). */
export interface DatasetOnDisk {
  name: string;
  id: string | null;
}

export interface ObservedAgent {
  /** Ledger generations the agent reports (only the ones its profile has). */
  generations: Generations;
  /** What the agent's ledgers hold. */
  ledgered: WireItems;
  /** Every dataset on the sled's pools (`split` inventories list them; orphans included). */
  datasetsOnDisk?: readonly DatasetOnDisk[];
  /** Orphans the agent reports itself (`reconciler` inventories). */
  orphaned?: readonly (DatasetOnDisk & { reason: string })[];
}

export interface DriftItem {
  kind: ItemKind;
  id: string | null;
  label: string;
  /** For `differing`: the fields that differ; for `orphaned`: the agent's reason, if any. */
  detail?: string;
}

export interface GenerationDrift {
  ledger: LedgerName;
  expected: number;
  observed: number;
}

export interface SledDrift {
  missing: DriftItem[];
  extra: DriftItem[];
  differing: DriftItem[];
  orphaned: DriftItem[];
  generations: GenerationDrift[];
  inSync: boolean;
}

type Keyed = { id: string };
const KINDS = [
  ["disks", "disk"],
  ["datasets", "dataset"],
  ["zones", "zone"],
] as const;

function label(kind: ItemKind, item: Keyed): string {
  const rec = item as Record<string, unknown>; // every wire item is a plain JSON object
  if (kind === "zone")
    return `zone ${(rec.zone_type as { type: string }).type} ${shortId(item.id)}`;
  if (kind === "dataset") return `dataset ${fullName(item as WireDataset)}`;
  return `disk ${(rec.identity as { serial: string }).serial} (${shortId(item.id)})`;
}

function fullName(d: WireDataset): string {
  return datasetFullName({ pool: d.name.pool_name, kind: d.name.kind });
}

function differingFields(a: Keyed, b: Keyed): string {
  const ra = a as Record<string, unknown>; // plain JSON objects, see label()
  const rb = b as Record<string, unknown>;
  const keys = [...new Set([...Object.keys(ra), ...Object.keys(rb)])].sort();
  return keys.filter((k) => !sameJson(ra[k], rb[k])).join(", ");
}

function compareItems(
  kind: ItemKind,
  want: readonly Keyed[],
  got: readonly Keyed[],
  out: SledDrift,
): void {
  const have = new Map(got.map((i) => [i.id, i]));
  const wanted = new Set(want.map((i) => i.id));
  for (const item of want) {
    const seen = have.get(item.id);
    if (!seen) out.missing.push({ kind, id: item.id, label: label(kind, item) });
    else if (!sameJson(seen, item))
      out.differing.push({
        kind,
        id: item.id,
        label: label(kind, item),
        detail: differingFields(item, seen),
      });
  }
  for (const item of got)
    if (!wanted.has(item.id)) out.extra.push({ kind, id: item.id, label: label(kind, item) });
}

function orphans(observed: ObservedAgent): DriftItem[] {
  const ledgered = observed.ledgered.datasets;
  const ids = new Set(ledgered.map((d) => d.id));
  const names = new Set(ledgered.map(fullName));
  const out = new Map<string, DriftItem>();
  for (const o of observed.orphaned ?? [])
    out.set(o.id ?? o.name, {
      kind: "dataset",
      id: o.id,
      label: `dataset ${o.name}`,
      detail: o.reason,
    });
  for (const d of observed.datasetsOnDisk ?? []) {
    const known = d.id !== null ? ids.has(d.id) : names.has(d.name);
    if (!known && !out.has(d.id ?? d.name))
      out.set(d.id ?? d.name, { kind: "dataset", id: d.id, label: `dataset ${d.name}` });
  }
  return [...out.values()];
}

export function sledDrift(input: {
  /** The sled in the current blueprint; undefined when the blueprint does not have it. */
  expected: SledConfig | undefined;
  profile: SledAgentProfile;
  /** Generations the console expects the agent to hold. */
  expectedGenerations: Generations;
  observed: ObservedAgent;
}): SledDrift {
  const { expected, profile, observed } = input;
  const want = expected
    ? inServiceWireItems(expected, profile)
    : { disks: [], datasets: [], zones: [] };
  const out: SledDrift = {
    missing: [],
    extra: [],
    differing: [],
    orphaned: orphans(observed),
    generations: [],
    inSync: true,
  };
  for (const [collection, kind] of KINDS)
    compareItems(kind, want[collection], observed.ledgered[collection], out);
  for (const [ledger, seen] of Object.entries(observed.generations) as [
    LedgerName,
    number | undefined,
  ][]) {
    const wanted = input.expectedGenerations[ledger];
    if (seen !== undefined && wanted !== undefined && seen !== wanted)
      out.generations.push({ ledger, expected: wanted, observed: seen });
  }
  out.inSync =
    !out.missing.length &&
    !out.extra.length &&
    !out.differing.length &&
    !out.orphaned.length &&
    !out.generations.length;
  return out;
}
