/**
 * Read-only access to the real omicron data in ../shared/omicron (never copied into this repo).
 * OMICRON_FIXTURES overrides the folder.
 */
import { readFileSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), "..");

export const OMICRON_DIR = resolve(
  process.env.OMICRON_FIXTURES ?? resolve(repoRoot, "../shared/omicron"),
);

export function omicronText(name: string): string {
  return readFileSync(resolve(OMICRON_DIR, name), "utf8");
}

export function omicronJson<T = unknown>(name: string): T {
  return JSON.parse(omicronText(name)) as T;
}
