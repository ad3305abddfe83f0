/**
 * Whole-blueprint checks in the spirit of omicron's blippy
 * (nexus/reconfigurator/blippy/src/checks.rs): each finding names its sled, the items
 * involved and a sentence. Errors describe a blueprint a sled agent could not realise (or
 * that omicron's planner would never produce); warnings describe what the console cannot
 * check. Findings come sorted by sled id, then code, then first item id.
 */
import type { Finding, FindingItem } from "./findings";
import type { Blueprint, ItemKind, SledConfig } from "./model";
import { validateSled } from "./validate-sled";

export type { Finding, FindingCode, FindingItem, FindingSeverity } from "./findings";

export function validateBlueprint(bp: Blueprint): Finding[] {
  const findings: Finding[] = [...duplicateIdsAcrossSleds(bp.sleds)];
  for (const sled of bp.sleds) {
    findings.push(...duplicateIdsWithinSled(sled));
    if (sled.state === "decommissioned") findings.push(...decommissionedSled(sled));
    else findings.push(...validateSled(sled));
  }
  return findings.sort(compareFindings);
}

function compareFindings(a: Finding, b: Finding): number {
  const ka = [a.sledId, a.code, a.items[0]?.id ?? ""];
  const kb = [b.sledId, b.code, b.items[0]?.id ?? ""];
  for (let i = 0; i < ka.length; i++) {
    const x = ka[i] ?? "";
    const y = kb[i] ?? "";
    if (x !== y) return x < y ? -1 : 1;
  }
  return 0;
}

type Collection = "disks" | "datasets" | "zones";
const KIND_OF: Record<Collection, ItemKind> = { disks: "disk", datasets: "dataset", zones: "zone" };
const COLLECTIONS: readonly Collection[] = ["disks", "datasets", "zones"];

function itemsOf(
  sled: SledConfig,
  collection: Collection,
): readonly { id: string; disposition: string }[] {
  return sled[collection];
}

function duplicateId(
  code: "duplicate-id" | "duplicate-id-across-sleds",
  sled: SledConfig,
  kind: ItemKind,
  id: string,
  message: string,
): Finding {
  return { code, severity: "error", sledId: sled.id, items: [{ kind, id }], message };
}

function duplicateIdsWithinSled(sled: SledConfig): Finding[] {
  const findings: Finding[] = [];
  for (const collection of COLLECTIONS) {
    const counts = new Map<string, number>();
    for (const item of itemsOf(sled, collection))
      counts.set(item.id, (counts.get(item.id) ?? 0) + 1);
    for (const [id, count] of counts) {
      if (count < 2) continue;
      const kind = KIND_OF[collection];
      const message = `The sled lists ${count} ${kind}s with id ${id}; ids must be unique.`;
      findings.push(duplicateId("duplicate-id", sled, kind, id, message));
    }
  }
  return findings;
}

/** Disk, dataset and zone ids are uuids, unique across the whole rack. */
function duplicateIdsAcrossSleds(sleds: readonly SledConfig[]): Finding[] {
  const findings: Finding[] = [];
  for (const collection of COLLECTIONS) {
    const firstSled = new Map<string, number>(); // id → index of the first sled listing it
    for (let i = 0; i < sleds.length; i++) {
      const sled = sleds[i] as SledConfig;
      let reported: Set<string> | undefined; // an id listed twice on this sled is reported once
      for (const { id } of itemsOf(sled, collection)) {
        const other = firstSled.get(id);
        if (other === undefined) {
          firstSled.set(id, i);
          continue;
        }
        if (other === i || reported?.has(id)) continue;
        (reported ??= new Set()).add(id);
        const kind = KIND_OF[collection];
        const message = `The ${kind} id ${id} is also used on sled ${sleds[other]?.id}; ids must be unique across sleds.`;
        findings.push(duplicateId("duplicate-id-across-sleds", sled, kind, id, message));
      }
    }
  }
  return findings;
}

/**
 * A decommissioned sled is sent nothing (omicron's executor skips it), so anything still in
 * service there would silently never run; the planner expunges everything first.
 */
function decommissionedSled(sled: SledConfig): Finding[] {
  const items: FindingItem[] = [];
  for (const collection of COLLECTIONS) {
    for (const item of itemsOf(sled, collection)) {
      if (item.disposition === "in_service") items.push({ kind: KIND_OF[collection], id: item.id });
    }
  }
  if (items.length === 0) return [];
  return [
    {
      code: "decommissioned-sled-in-service",
      severity: "error",
      sledId: sled.id,
      items,
      message: `The sled is decommissioned but ${items.length} of its items are still in service; expunge them first.`,
    },
  ];
}
