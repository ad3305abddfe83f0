/** What an import returns. Expected failures (bad input) are values, never throws. */
import type { Blueprint, BlueprintFormat, SledConfig } from "./model";
import type { ImportError } from "./issues";

export type { ImportError } from "./issues";

export type ImportResult =
  | { ok: true; blueprint: Blueprint; format: BlueprintFormat }
  | { ok: false; errors: ImportError[] };

export type SledImportResult =
  { ok: true; sled: SledConfig } | { ok: false; errors: ImportError[] };

/**
 * Ids a bare sled config does not carry. Without them, placeholders are derived from the
 * config's content (lib/ is deterministic). Ignored for blueprint inputs, which have both.
 */
export interface ImportOptions {
  sledId?: string;
  blueprintId?: string;
}
