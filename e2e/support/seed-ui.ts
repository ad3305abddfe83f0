/**
 * Racks for the operator-UI journeys (e2e/operator-ui.spec.ts), as one long-lived process
 * hosting their sled agents:
 *   DATABASE_URL=… node --import tsx e2e/support/seed-ui.ts
 * - `ui-expunge`: a two-sled example rack (sled 0 speaks the January-2025 `split` API, sled 1
 *   `reconciler`), its simulated sled agents registered; the journeys edit it in the UI.
 * - `ui-full-rack`: an empty 32-sled rack (current) and the whole rack added as a second
 *   blueprint (~2,000 item changes), for the graph at scale. No agents.
 * Users come from the execution seed (seed-racks.ts). Idempotent: each spec file starts it.
 * Prints UI_READY_LINE + JSON (UiSeed).
 */
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { makeExampleRack, makeWholeRackAdded } from "~/lib/examples/rack.ts";
import { ensureRack } from "~/server/repo/racks.ts";
import { upsertSledAgent } from "~/server/repo/sled-agents.ts";
import { storeBlueprint } from "~/server/services/blueprints.ts";
import { startSimulatedRack } from "~/sim/rack.ts";
import { UI_READY_LINE, type UiSeed } from "./ui-racks.ts";

async function store(
  rackId: string,
  model: Parameters<typeof storeBlueprint>[0]["model"],
  comment: string,
): Promise<string> {
  const r = await storeBlueprint({
    rackId,
    model,
    source: "example",
    creator: "e2e seed",
    comment,
  });
  if (r.ok) return r.blueprint.id;
  // Every spec file starts this seed; the second start finds its blueprints already stored.
  if (r.reason === "duplicate" && r.existingRackId === rackId) return r.existingId;
  throw new Error(`${comment}: ${JSON.stringify(r)}`);
}

async function main(): Promise<void> {
  const expungeRack = await ensureRack("ui-expunge");
  const example = makeExampleRack({ sleds: 2, seed: "ui-expunge" });
  const parentId = await store(
    expungeRack.id,
    example,
    "example rack for the operator UI journeys",
  );
  const [splitSled, reconcilerSled] = example.sleds.map((s) => s.id);
  if (!splitSled || !reconcilerSled) throw new Error("the example rack has two sleds");
  const sim = await startSimulatedRack({
    blueprint: example,
    profile: { [splitSled]: "split", [reconcilerSled]: "reconciler" },
    dataDir: mkdtempSync(join(tmpdir(), "bpc-e2e-ui-sim-")),
    adminPort: null,
    reconcileMs: 150,
    seed: "ui-expunge",
  });
  for (const s of sim.sleds) await upsertSledAgent(expungeRack.id, s.id, s.url, s.profile);

  const fullRack = await ensureRack("ui-full-rack");
  const whole = makeWholeRackAdded({ sleds: 32, seed: "ui-full-rack" });
  const emptyId = await store(fullRack.id, whole.parent, "32 sleds, nothing requested yet");
  const fullId = await store(fullRack.id, whole.target, "the whole rack added");

  const seed: UiSeed = {
    expunge: {
      rackId: expungeRack.id,
      parentId,
      splitSledId: splitSled,
      reconcilerSledId: reconcilerSled,
    },
    fullRack: { rackId: fullRack.id, parentId: emptyId, targetId: fullId },
  };
  console.log(UI_READY_LINE + JSON.stringify(seed));
  const stop = () => void sim.stop().then(() => process.exit(0));
  process.on("SIGTERM", stop);
  process.on("SIGINT", stop);
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
