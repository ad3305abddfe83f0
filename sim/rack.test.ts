/**
 * A rack started from a blueprint serves exactly that blueprint: every sled's inventory (and,
 * for `split`, its GET endpoints) lists the blueprint's in-service disks, datasets and zones
 * at the blueprint's generations. Also `main.ts` as a child process: the SIM_READY line,
 * the same check over its addresses, and a clean stop on SIGTERM. (`--sleds 32` by hand:
 * see docs/SIMULATOR.md.)
 */
import { spawn } from "node:child_process";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createInterface } from "node:readline";
import { describe, expect, it } from "vitest";
import type { Blueprint } from "../lib/blueprint/model";
import { DEFAULT_EXAMPLE_SEED, makeExampleRack } from "../lib/examples/rack";
import type { SledAgentProfile } from "../lib/wire/types";
import { SledAgentClient } from "../server/sled-agent/client";
import { reconciliationOutcome } from "../server/sled-agent/reconciliation";
import { OMICRON_DIR } from "../test/omicron-fixtures";
import { loadBlueprint } from "./blueprint-source";
import { READY_PREFIX } from "./cli-options";
import { okBody, startTestRack } from "./test-support/rack";

const ids = (xs: readonly { id: string | null }[]) => xs.map((x) => x.id).sort();
const inService = <T extends { id: string; disposition: string }>(xs: T[]) =>
  ids(xs.filter((x) => x.disposition === "in_service"));

async function expectServes(
  bp: Blueprint,
  sleds: { id: string; url: string }[],
  profile: SledAgentProfile,
) {
  expect(sleds.map((s) => s.id).sort()).toEqual(
    bp.sleds
      .filter((s) => s.state === "active")
      .map((s) => s.id)
      .sort(),
  );
  for (const s of sleds) {
    const sled = bp.sleds.find((x) => x.id === s.id);
    if (!sled) throw new Error(`sled ${s.id} is not in the blueprint`);
    const c = new SledAgentClient({ baseUrl: s.url });
    try {
      const inv = okBody(await c.getInventory(profile));
      expect(inv.sled_id).toBe(s.id);
      expect(ids(inv.datasets)).toEqual(inService(sled.datasets));
      expect(inv.zpools.map((z) => z.id).sort()).toEqual(
        sled.disks
          .filter((d) => d.disposition === "in_service")
          .map((d) => d.poolId)
          .sort(),
      );
      if (profile === "split") {
        expect(ids(okBody(await c.getDisks()).disks)).toEqual(inService(sled.disks));
        expect(Object.keys(okBody(await c.getDatasets()).datasets).sort()).toEqual(
          inService(sled.datasets),
        );
        if (!("omicron_zones" in inv)) throw new Error("not a January-2025 inventory");
        expect(ids(inv.omicron_zones.zones)).toEqual(inService(sled.zones));
        expect(inv.omicron_zones.generation).toBe(sled.generation);
        continue;
      }
      if (!("ledgered_sled_config" in inv)) throw new Error("not a v48 inventory");
      const cfg = inv.ledgered_sled_config;
      expect(cfg?.generation).toBe(sled.generation);
      expect(
        [
          Object.keys(cfg?.disks ?? {}),
          Object.keys(cfg?.datasets ?? {}),
          Object.keys(cfg?.zones ?? {}),
        ].map((k) => k.sort()),
      ).toEqual([inService(sled.disks), inService(sled.datasets), inService(sled.zones)]);
      expect(reconciliationOutcome(inv, sled.generation)).toEqual({
        kind: "succeeded",
        reconciled: sled.generation,
      });
    } finally {
      c.close();
    }
  }
}

describe("a rack started from a blueprint serves that blueprint", () => {
  it.each(["split", "reconciler"] as const)("%s", async (profile) => {
    const bp = makeExampleRack({ sleds: 4, seed: "rack-test" });
    const t = await startTestRack({ blueprint: bp, profile });
    try {
      await expectServes(bp, t.rack.sleds, profile);
    } finally {
      await t.stop();
    }
  });
});

describe("a rack started from a real omicron sled config file", () => {
  it.each(["split", "reconciler"] as const)("%s", async (profile) => {
    const source = await loadBlueprint(
      join(OMICRON_DIR, "real-system-sled-config-v14-converted.json"),
      1,
      null,
    );
    if (!source.ok) throw new Error(source.message);
    const t = await startTestRack({ blueprint: source.blueprint, profile });
    try {
      await expectServes(source.blueprint, t.rack.sleds, profile);
    } finally {
      await t.stop();
    }
  });

  it("explains a file that is not a blueprint", async () => {
    const r = await loadBlueprint(join(OMICRON_DIR, "diff-2026-08-planner-add-sled.txt"), 1, null);
    expect(r).toMatchObject({ ok: false, message: expect.stringMatching(/cannot read .*JSON/) });
  });
});

describe("main.ts", () => {
  it("prints SIM_READY, serves the example rack, and stops on SIGTERM", async () => {
    const dir = await mkdtemp(join(tmpdir(), "sim-main-test-"));
    const args = [
      "--import",
      "tsx",
      "sim/main.ts",
      "--sleds",
      "3",
      "--port",
      "0",
      "--data",
      dir,
      "--reconcile-ms",
      "30",
    ];
    const child = spawn(process.execPath, args, { stdio: ["ignore", "pipe", "pipe"] });
    const lines: string[] = [];
    try {
      const ready = await new Promise<string>((resolve, reject) => {
        createInterface({ input: child.stdout }).on("line", (line) => {
          lines.push(line);
          if (line.startsWith(READY_PREFIX)) resolve(line.slice(READY_PREFIX.length));
        });
        child.on("exit", (code) => reject(new Error(`exited with ${code}: ${lines.join("\n")}`)));
      });
      const info = JSON.parse(ready) as {
        admin: string;
        sleds: { id: string; url: string; profile: string }[];
      }; // our own line
      expect(lines.filter((l) => l.startsWith("sled "))).toHaveLength(3);
      expect(info.admin).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
      await expectServes(
        makeExampleRack({ sleds: 3, seed: DEFAULT_EXAMPLE_SEED }),
        info.sleds,
        "reconciler",
      );
      const exited = new Promise<number | null>((resolve) =>
        child.on("exit", (code) => resolve(code)),
      );
      child.kill("SIGTERM");
      expect(await exited).toBe(0);
    } finally {
      child.kill("SIGKILL");
      await rm(dir, { recursive: true, force: true });
    }
  });

  it("explains bad arguments with exit code 2", async () => {
    const child = spawn(process.execPath, ["--import", "tsx", "sim/main.ts", "--sleds", "zero"], {
      stdio: ["ignore", "ignore", "pipe"],
    });
    let err = "";
    child.stderr.on("data", (c: Buffer) => (err += c.toString()));
    const code = await new Promise<number | null>((resolve) => child.on("exit", resolve));
    expect(code).toBe(2);
    expect(err).toMatch(/--sleds must be a whole number/);
  });
});
