/**
 * A `split` sled agent running the #7309 parent (one crucible zone on its datasets), for the
 * split-profile tests, and a snapshot of everything it exposes.
 */
import { afterEach } from "vitest";
import type { SledAgentClient } from "~/server/sled-agent/client";
import { crucibleExpungeCase } from "./cases";
import { okBody, startTestRack, type TestRack } from "./rack";

let t: TestRack | null = null;

/** Registers the teardown; call once at the top of a test file. */
export function useSplitRack(): void {
  afterEach(async () => {
    await t?.stop();
    t = null;
  });
}

export async function splitRack(
  datasetDeletion: "strict" | "ignore" = "strict",
  refusalStatus: 409 | 500 = 409,
) {
  const { parent, target } = crucibleExpungeCase();
  t = await startTestRack({ blueprint: parent, profile: "split", datasetDeletion, refusalStatus });
  return { parent, target, c: t.client() };
}

export async function snapshot(c: SledAgentClient) {
  return {
    disks: okBody(await c.getDisks()),
    datasets: okBody(await c.getDatasets()),
    inventory: okBody(await c.getSplitInventory()),
  };
}

export type Snapshot = Awaited<ReturnType<typeof snapshot>>;

/** The omicron `error_code` of a failed call, or null. */
export const errorCode = (r: { ok: boolean; failure?: unknown }): string | null | undefined =>
  r.ok
    ? null
    : (r as { failure: { error: { error_code?: string } | null } }).failure.error?.error_code; // a failed call
