/**
 * Blueprint import: one entry point for every form an operator may paste or upload.
 *
 * - omicron HEAD Blueprint JSON (`sleds`, items as arrays)           → format "current"
 * - the 2025 form (`sleds`, items as objects keyed by id)           → format "keyed-2025"
 * - the January-2025 form (`sled_state`, `blueprint_zones`, …)      → format "jan-2025"
 * - a bare sled-agent `OmicronSledConfig` (`generation`, `zones`…)  → format "sled-config"
 *
 * All normalise to the model in model.ts. Bad input comes back as `{ok: false, errors}`
 * naming JSON paths; nothing here throws on input.
 */
import { importCurrent } from "./import-current";
import { importJan2025 } from "./import-jan2025";
import type { ImportOptions, ImportResult } from "./import-result";
import { importSledConfig } from "./import-sled-config";
import { describe } from "./issues";

export type { ImportError, ImportOptions, ImportResult, SledImportResult } from "./import-result";
export { parseSledConfig } from "./import-sled-config";

const JAN_2025_KEYS = ["sled_state", "blueprint_zones", "blueprint_disks", "blueprint_datasets"];
const SLED_CONFIG_KEYS = ["generation", "disks", "datasets", "zones"];

export function parseBlueprint(input: unknown, options: ImportOptions = {}): ImportResult {
  if (typeof input !== "object" || input === null || Array.isArray(input)) {
    const found = describe(input);
    return fail(
      "(root)",
      `Expected a JSON object (an omicron Blueprint or a sled-agent OmicronSledConfig), found ${found}.`,
    );
  }
  const has = (key: string): boolean => Object.prototype.hasOwnProperty.call(input, key);
  if (has("sleds")) return importCurrent(input);
  if (JAN_2025_KEYS.some(has)) return importJan2025(input);
  if (SLED_CONFIG_KEYS.some(has)) return importSledConfig(input, options);
  return unsupported(has);
}

/** Known shapes we do not import get a sentence saying what they are. */
function unsupported(has: (key: string) => boolean): ImportResult {
  if (has("disks_config") || has("zones_config") || has("datasets_config")) {
    return fail(
      "(root)",
      "This is a March-2025 sled-agent config with three sub-configs (disks_config, datasets_config, zones_config); it is not supported. Use the blueprint it came from, or a sled config from after #8067 (one generation).",
    );
  }
  if (has("omicron_zones") || has("zones_in_service")) {
    return fail(
      "(root)",
      "This is a 2024 blueprint (omicron_zones, before datasets were in blueprints); it is not supported.",
    );
  }
  if (has("blueprints")) {
    return fail(
      "blueprints",
      "This looks like a reconfigurator state file (UnstableReconfiguratorState); import one of the entries of its blueprints array instead.",
    );
  }
  return fail(
    "(root)",
    "Expected an omicron Blueprint (with sleds, or January 2025's sled_state and blueprint_zones) or a sled-agent OmicronSledConfig (with generation, disks, datasets and zones); found an object with none of these fields.",
  );
}

function fail(path: string, message: string): ImportResult {
  return { ok: false, errors: [{ path, message }] };
}
