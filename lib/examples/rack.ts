/**
 * Example racks of any size (1 to 1,000 sleds) shaped like the real dogfood sled, built
 * without reading any file: an empty rack (sleds known, nothing requested yet: generation 1,
 * omicron's `Generation::new()`), then the console's own edits populate it, so a generated
 * rack is exactly what the edits would produce and is valid by construction. Everything is
 * a function of the seed: same seed, same bytes.
 *
 * These are fixtures for demos, tests and benchmarks: a sled count out of range is a bug in
 * the caller and throws a RangeError (validate user input before calling).
 */
import type { Blueprint, SledConfig } from "../blueprint/model";
import { applyEdits } from "../edits/apply";
import { createIdGenerator, createSeededRandom } from "../edits/ids";
import { planSleds, sledEdits, sledSubnet } from "./placement";
import { BLUEPRINT_EXTRA, EXAMPLE_TIME_CREATED, FIRST_ZONE_OFFSET, sledExtra } from "./template";

export const MAX_EXAMPLE_SLEDS = 1000;
export const DEFAULT_EXAMPLE_SEED = "blueprint-console";
const CREATOR = "blueprint-console example";

export interface RackOptions {
  sleds: number;
  seed?: string | number;
}

function seedOf(options: RackOptions): string {
  const { sleds, seed = DEFAULT_EXAMPLE_SEED } = options;
  if (!Number.isInteger(sleds) || sleds < 1 || sleds > MAX_EXAMPLE_SLEDS) {
    throw new RangeError(
      `sleds must be a whole number from 1 to ${MAX_EXAMPLE_SLEDS}, got ${sleds}`,
    );
  }
  return String(seed);
}

function emptySled(id: string, index: number): SledConfig {
  return {
    id,
    state: "active",
    generation: 1,
    disks: [],
    datasets: [],
    zones: [],
    extra: sledExtra(sledSubnet(index), FIRST_ZONE_OFFSET - 1),
  };
}

/** Sled ids depend only on (seed, index), so an empty and a full rack share them. */
function sledIds(sleds: number, seed: string): string[] {
  return Array.from({ length: sleds }, (_, i) => createIdGenerator(`${seed}/sled/${i}`)());
}

/** Every sled present and active, with nothing on it yet. */
export function makeEmptyRack(options: RackOptions): Blueprint {
  const seed = seedOf(options);
  const sleds = sledIds(options.sleds, seed).map((id, index) => emptySled(id, index));
  return {
    id: createIdGenerator(`${seed}/blueprint/empty`)(),
    parentId: null,
    format: "current",
    sleds: sleds.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)),
    creator: CREATOR,
    comment: `empty example rack of ${options.sleds} sleds`,
    timeCreated: EXAMPLE_TIME_CREATED,
    extra: { ...BLUEPRINT_EXTRA },
  };
}

/**
 * "A whole rack added from empty": the empty rack as parent and the same sleds fully
 * populated as target (about 2,000 graph nodes for 32 sleds).
 */
export function makeWholeRackAdded(options: RackOptions): { parent: Blueprint; target: Blueprint } {
  const seed = seedOf(options);
  const parent = makeEmptyRack(options);
  const plans = planSleds(sledIds(options.sleds, seed), createSeededRandom(`${seed}/placement`));
  const nextId = createIdGenerator(`${seed}/items`);
  const edits = plans.flatMap((plan) => sledEdits(plan, nextId));
  const result = applyEdits(parent, edits, {
    ids: nextId,
    blueprintId: createIdGenerator(`${seed}/blueprint/example`)(),
    comment: `example rack of ${options.sleds} sleds shaped like the dogfood sled of 2025-05-01`,
    creator: CREATOR,
  });
  // The edits are generated for an empty rack they fit by construction; failing is a bug.
  if (!result.ok) throw new Error(`example rack generation failed: ${result.error}`);
  return { parent, target: { ...result.blueprint, timeCreated: EXAMPLE_TIME_CREATED } };
}

/** A populated rack on its own, with no parent. */
export function makeExampleRack(options: RackOptions): Blueprint {
  return { ...makeWholeRackAdded(options).target, parentId: null };
}
