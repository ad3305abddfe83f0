/**
 * Import of a bare sled-agent `OmicronSledConfig` (the reconciler's ledger or a `PUT
 * /omicron-config` body) as one sled, and as a one-sled blueprint. Everything it lists is in
 * service (the agent is only ever sent in-service items: omicron
 * `BlueprintSledConfig::into_in_service_sled_config`, nexus/types/src/deployment.rs).
 *
 * The sled-level fields are brought to their blueprint shapes so that export and diff see
 * one shape: `host_phase_2` artifacts gain an unknown version, and `measurements` (a list of
 * `{hash}` in the agent) becomes `BlueprintMeasurements`: an empty list means "use the install
 * dataset" (nexus/reconfigurator/planning: "an empty set indicating we are using the install
 * dataset"), a non-empty one lists artifacts.
 */
import type { Blueprint, SledConfig } from "./model";
import type { ImportOptions, ImportResult, SledImportResult } from "./import-result";
import { issuesToErrors } from "./issues";
import {
  datasetFromSledConfig,
  diskFromJson,
  extraOf,
  finishSled,
  zoneFromJson,
} from "./normalize";
import { placeholderUuid } from "./placeholder-id";
import { collectionItems } from "./schema-common";
import { sledConfigSchema, type SledConfigJson } from "./schema-sled-config";
import { upgradeArtifactSource } from "./zone-type-upgrade";

const SLED_CONFIG_KEYS = [
  "generation",
  "disks",
  "datasets",
  "zones",
  "host_phase_2",
  "measurements",
] as const;

export function parseSledConfig(
  input: unknown,
  options: Pick<ImportOptions, "sledId"> = {},
): SledImportResult {
  const parsed = sledConfigSchema.safeParse(input, { reportInput: true });
  if (!parsed.success) return { ok: false, errors: issuesToErrors(parsed.error.issues) };
  return { ok: true, sled: sledFromConfig(parsed.data, options.sledId) };
}

export function importSledConfig(input: unknown, options: ImportOptions = {}): ImportResult {
  const result = parseSledConfig(input, options);
  if (!result.ok) return result;
  const { sled } = result;
  const blueprint: Blueprint = {
    id: options.blueprintId ?? placeholderUuid("blueprint", sled),
    parentId: null,
    format: "sled-config",
    sleds: [sled],
    creator: "blueprint-console",
    comment: `one-sled blueprint built from a sled-agent OmicronSledConfig at generation ${sled.generation}`,
    extra: {},
  };
  return { ok: true, blueprint, format: "sled-config" };
}

function sledFromConfig(raw: SledConfigJson, sledId: string | undefined): SledConfig {
  const extra = extraOf(raw, SLED_CONFIG_KEYS);
  if (raw.host_phase_2 !== undefined) extra.host_phase_2 = upgradeHostPhase2(raw.host_phase_2);
  if (raw.measurements !== undefined) extra.measurements = upgradeMeasurements(raw.measurements);
  const content = finishSled({
    id: "",
    state: "active",
    generation: raw.generation,
    disks: collectionItems(raw.disks).map(diskFromJson),
    datasets: collectionItems(raw.datasets).map(datasetFromSledConfig),
    zones: collectionItems(raw.zones).map(zoneFromJson),
    extra,
  });
  return { ...content, id: sledId ?? placeholderUuid("sled", content) };
}

function upgradeHostPhase2(value: unknown): unknown {
  if (typeof value !== "object" || value === null || Array.isArray(value)) return value;
  const slots: Record<string, unknown> = { ...value };
  for (const slot of ["slot_a", "slot_b"]) {
    if (slot in slots) slots[slot] = upgradeArtifactSource(slots[slot]);
  }
  return slots;
}

function upgradeMeasurements(value: unknown): unknown {
  if (!Array.isArray(value)) return value;
  if (value.length === 0) return { type: "install_dataset" };
  return {
    type: "artifacts",
    artifacts: value.map((m: unknown) =>
      typeof m === "object" && m !== null ? { version: { artifact_version: "unknown" }, ...m } : m,
    ),
  };
}
