/**
 * Durable sled state, like the real agent's ledgers on both M.2s (omicron
 * common/src/ledger.rs: write a temporary file, then rename over the old one). One JSON file
 * per sled holds its ledgers and what is physically on the sled, so both survive a restart
 * of the simulator or of one simulated agent.
 *
 * `split`: the ledgers are `state.generations` + `state.{disks,datasets,zones}` (the January-2025
 * agent applied each PUT before answering, so ledger and state move together).
 * `reconciler`: the ledger is `config` (`omicron-sled-config.json` in omicron); `state` is what
 * the reconciler has made of it so far.
 */
import { mkdir, readFile, rename, writeFile } from "node:fs/promises";
import { join } from "node:path";
import type { SledAgentState } from "../lib/sled/state";
import type { SledAgentProfile, SledConfigBody, WireDisk } from "../lib/wire/types";

export const SLED_FILE_VERSION = 1;

export interface SledFile {
  version: typeof SLED_FILE_VERSION;
  sledId: string;
  profile: SledAgentProfile;
  /** `reconciler` only: the ledgered `OmicronSledConfig` (null: nothing ledgered yet). */
  config: SledConfigBody | null;
  state: SledAgentState;
  /** Physical U.2 disks ever seen in this sled (inventory lists them whether managed or not). */
  hardware: WireDisk[];
}

export function sledFilePath(dir: string, sledId: string): string {
  return join(dir, `sled-${sledId}.json`);
}

export type ReadResult =
  { kind: "missing" } | { kind: "ok"; file: SledFile } | { kind: "invalid"; message: string };

export async function readSledFile(dir: string, sledId: string): Promise<ReadResult> {
  const path = sledFilePath(dir, sledId);
  let text: string;
  try {
    text = await readFile(path, "utf8");
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === "ENOENT") return { kind: "missing" }; // fs errors carry `code`
    throw e;
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return { kind: "invalid", message: `${path} is not JSON` };
  }
  const f = parsed as Partial<SledFile>; // our own format; the fields that matter are checked below
  if (
    f.version !== SLED_FILE_VERSION ||
    f.sledId !== sledId ||
    (f.profile !== "split" && f.profile !== "reconciler") ||
    !f.state ||
    !Array.isArray(f.hardware)
  ) {
    return {
      kind: "invalid",
      message: `${path} is not a version-${SLED_FILE_VERSION} ledger for sled ${sledId}`,
    };
  }
  return { kind: "ok", file: { ...f, config: f.config ?? null } as SledFile };
}

let tmpCounter = 0;
/** Directories made by this process: each ledger write made its directory again (a profile showed it). */
const madeDirs = new Set<string>();

/** Atomic replace: a reader (or a restarted agent) sees the old file or the new one, never half. */
export async function writeSledFile(dir: string, file: SledFile): Promise<void> {
  const path = sledFilePath(dir, file.sledId);
  const tmp = `${path}.tmp-${process.pid}-${++tmpCounter}`;
  const text = JSON.stringify(file, null, 1);
  try {
    if (!madeDirs.has(dir)) await mkdir(dir, { recursive: true });
    await writeFile(tmp, text);
  } catch (e) {
    // the directory was removed since (a test's cleanup, an operator): make it again once
    if ((e as NodeJS.ErrnoException).code !== "ENOENT") throw e;
    await mkdir(dir, { recursive: true });
    await writeFile(tmp, text);
  }
  madeDirs.add(dir);
  await rename(tmp, path);
}
