/**
 * A mutable working copy of the sleds an edit touches, finalised into a new, immutable
 * child blueprint. Mirrors omicron's `SledEditor::finalize`
 * (nexus/reconfigurator/planning/src/blueprint_editor/sled_editor.rs): the sled-agent
 * generation is bumped once per blueprint for every sled that changed, however many edits
 * touched it. Items are replaced, never mutated, so frozen parents stay intact.
 */
import type {
  Blueprint,
  Dataset,
  ItemKind,
  PhysicalDisk,
  SledConfig,
  Zone,
} from "../blueprint/model";
import type { IdGenerator } from "./ids";

type Section = "disks" | "datasets" | "zones";

export interface SledDraft {
  sled: SledConfig;
  /** The generation this blueprint gives the sled; expunged items record it as `as_of`. */
  readonly nextGeneration: number;
  readonly touched: Set<Section>;
}

const SECTION_BY_KIND: Readonly<Record<ItemKind, Section>> = {
  disk: "disks",
  dataset: "datasets",
  zone: "zones",
};

export class BlueprintDraft {
  private readonly drafts = new Map<string, SledDraft>();
  private readonly sledOfItem = new Map<string, string>();
  private readonly parentSleds = new Map<string, SledConfig>();

  constructor(
    readonly parent: Blueprint,
    readonly ids: IdGenerator,
  ) {
    for (const sled of parent.sleds) {
      this.parentSleds.set(sled.id, sled);
      for (const item of [...sled.disks, ...sled.datasets, ...sled.zones])
        this.sledOfItem.set(item.id, sled.id);
    }
  }

  hasSled(sledId: string): boolean {
    return this.parentSleds.has(sledId);
  }

  /** The sled as edited so far (or as in the parent if untouched). */
  current(sledId: string): SledConfig | undefined {
    return this.drafts.get(sledId)?.sled ?? this.parentSleds.get(sledId);
  }

  /** The sled that holds an item with this id, if any. */
  sledOf(itemId: string): string | undefined {
    return this.sledOfItem.get(itemId);
  }

  isIdTaken(id: string): boolean {
    return this.sledOfItem.has(id) || this.parentSleds.has(id);
  }

  edit(sledId: string): SledDraft | undefined {
    const existing = this.drafts.get(sledId);
    if (existing) return existing;
    const sled = this.parentSleds.get(sledId);
    if (!sled) return undefined;
    const draft: SledDraft = {
      sled: {
        ...sled,
        disks: [...sled.disks],
        datasets: [...sled.datasets],
        zones: [...sled.zones],
      },
      nextGeneration: sled.generation + 1,
      touched: new Set(),
    };
    this.drafts.set(sledId, draft);
    return draft;
  }

  /** Replaces (or appends) one item of a drafted sled. */
  put(draft: SledDraft, kind: "disk", item: PhysicalDisk): void;
  put(draft: SledDraft, kind: "dataset", item: Dataset): void;
  put(draft: SledDraft, kind: "zone", item: Zone): void;
  put(draft: SledDraft, kind: ItemKind, item: PhysicalDisk | Dataset | Zone): void {
    const section = SECTION_BY_KIND[kind];
    // The overloads pair `kind` with its item type, so the section holds items of this type.
    const list = draft.sled[section] as Array<{ id: string }>;
    const index = list.findIndex((existing) => existing.id === item.id);
    if (index === -1) list.push(item);
    else list[index] = item;
    draft.touched.add(section);
    this.sledOfItem.set(item.id, draft.sled.id);
  }

  finish(id: string, comment: string, creator: string): Blueprint {
    const sleds = this.parent.sleds.map((sled) => {
      const draft = this.drafts.get(sled.id);
      return draft ? finalizeSled(draft) : sled;
    });
    const { timeCreated: _parentTime, ...rest } = this.parent;
    return { ...rest, id, parentId: this.parent.id, sleds, comment, creator };
  }
}

function byId(a: { id: string }, b: { id: string }): number {
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

function finalizeSled(draft: SledDraft): SledConfig {
  const { sled, touched } = draft;
  const split = sled.splitGenerations;
  return {
    ...sled,
    generation: draft.nextGeneration,
    // The January-2025 form kept one ledger per endpoint; only the ledgers whose content
    // changed move forward (nexus/types/src/deployment.rs @ 94d76b894f).
    ...(split && {
      splitGenerations: {
        disks: split.disks + (touched.has("disks") ? 1 : 0),
        datasets: split.datasets + (touched.has("datasets") ? 1 : 0),
        zones: split.zones + (touched.has("zones") ? 1 : 0),
      },
    }),
    disks: [...sled.disks].sort(byId),
    datasets: [...sled.datasets].sort(byId),
    zones: [...sled.zones].sort(byId),
  };
}
