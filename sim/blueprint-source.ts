/**
 * Where a simulated rack starts from: a blueprint file in any form the console imports
 * (lib/blueprint/import.ts: omicron HEAD, the 2025 keyed form, January 2025, or a bare
 * sled-agent config), or a generated example rack (lib/examples/rack.ts).
 */
import { readFile } from "node:fs/promises";
import { resolve } from "node:path";
import { parseBlueprint } from "../lib/blueprint/import";
import type { Blueprint } from "../lib/blueprint/model";
import { DEFAULT_EXAMPLE_SEED, makeExampleRack } from "../lib/examples/rack";

export type BlueprintSource = { ok: true; blueprint: Blueprint } | { ok: false; message: string };

export async function loadBlueprint(
  file: string | null,
  sleds: number,
  seed: string | null,
): Promise<BlueprintSource> {
  if (file === null)
    return { ok: true, blueprint: makeExampleRack({ sleds, seed: seed ?? DEFAULT_EXAMPLE_SEED }) };
  let json: unknown;
  try {
    json = JSON.parse(await readFile(resolve(file), "utf8"));
  } catch (e) {
    return {
      ok: false,
      message: `cannot read ${file}: ${e instanceof Error ? e.message : String(e)}`,
    };
  }
  const parsed = parseBlueprint(json);
  if (!parsed.ok)
    return {
      ok: false,
      message: `${file} is not a blueprint:\n${parsed.errors.map((e) => `  ${e.path}: ${e.message}`).join("\n")}`,
    };
  return { ok: true, blueprint: parsed.blueprint };
}
