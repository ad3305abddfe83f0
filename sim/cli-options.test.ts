/**
 * The simulator's command line, and a mixed rack (`--sled-profile`): each sled speaks its own
 * profile's API and nothing else.
 */
import { describe, expect, it } from "vitest";
import { makeExampleRack } from "../lib/examples/rack";
import { DEFAULT_BASE_PORT, DEFAULT_DATA_DIR, parseSimArgs } from "./cli-options";
import { okBody, startTestRack } from "./test-support/rack";

describe("parseSimArgs", () => {
  it("fills defaults", () => {
    expect(parseSimArgs(["--sleds", "32"])).toEqual({
      ok: true,
      options: {
        sleds: 32,
        blueprintFile: null,
        profile: "reconciler",
        sledProfiles: {},
        basePort: DEFAULT_BASE_PORT,
        adminPort: DEFAULT_BASE_PORT - 1,
        dataDir: DEFAULT_DATA_DIR,
        datasetDeletion: "strict",
        reconcileMs: 1000,
        refusalStatus: 409,
        seed: null,
        nexus: null,
      },
    });
    expect(parseSimArgs(["--sleds", "2", "--port", "0"])).toMatchObject({
      ok: true,
      options: { basePort: 0, adminPort: 0 },
    });
  });

  it("takes every option, per-sled profiles included", () => {
    const args = [
      "--blueprint",
      "bp.json",
      "--profile",
      "split",
      "--sled-profile",
      "a=reconciler",
      "--sled-profile",
      "b=split",
    ];
    args.push(
      "--port",
      "13000",
      "--admin-port",
      "14000",
      "--data",
      "/tmp/x",
      "--dataset-deletion",
      "ignore",
    );
    args.push("--reconcile-ms", "50", "--refusal-status", "500", "--seed", "s");
    expect(parseSimArgs(args)).toEqual({
      ok: true,
      options: {
        sleds: null,
        blueprintFile: "bp.json",
        profile: "split",
        sledProfiles: { a: "reconciler", b: "split" },
        basePort: 13000,
        adminPort: 14000,
        dataDir: "/tmp/x",
        datasetDeletion: "ignore",
        reconcileMs: 50,
        refusalStatus: 500,
        seed: "s",
        nexus: null,
      },
    });
  });

  it("reads the simulated Nexus's options", () => {
    const args = [
      "--sleds",
      "2",
      "--nexus",
      "3",
      "--nexus-port",
      "15100",
      "--nexus-era",
      "jan-2025",
    ];
    args.push("--nexus-planner-ms", "1000", "--nexus-executor-ms", "0");
    const r = parseSimArgs(args);
    expect(r.ok && r.options.nexus).toEqual({
      instances: 3,
      basePort: 15100,
      era: "jan-2025",
      plannerMs: 1000,
      executorMs: 0,
    });
    expect(parseSimArgs(["--sleds", "2", "--nexus-era", "2024"])).toMatchObject({
      ok: false,
      message: expect.stringMatching(/--nexus-era must be lockstep or jan-2025/),
    });
  });

  it.each([
    [[], /give --sleds N or --blueprint FILE/],
    [["--sleds", "0"], /--sleds must be a whole number from 1 to 1000/],
    [["--sleds", "2", "--profile", "mixed"], /--profile must be split or reconciler/],
    [["--sleds", "2", "--sled-profile", "abc"], /--sled-profile wants ID=split/],
    [
      ["--sleds", "2", "--dataset-deletion", "maybe"],
      /--dataset-deletion must be strict or ignore/,
    ],
    [["--sleds", "2", "--port", "70000"], /--port must be a whole number/],
    [["--sleds", "2", "--refusal-status", "418"], /--refusal-status must be 409 or 500/],
    [["--sleds", "2", "--warp"], /Unknown option '--warp'/],
  ])("explains %j", (args, message) => {
    const r = parseSimArgs(args);
    expect(r.ok ? null : r.message).toMatch(message);
  });
});

describe("a mixed rack", () => {
  it("serves each sled in its own profile", async () => {
    const bp = makeExampleRack({ sleds: 2, seed: "mixed" });
    const splitId = bp.sleds[1]?.id ?? "";
    const t = await startTestRack({
      blueprint: bp,
      profile: "reconciler",
      sledProfiles: { [splitId]: "split" },
    });
    try {
      expect(t.rack.sleds.map((s) => s.profile)).toEqual(["reconciler", "split"]);
      expect(okBody(await t.client(1).getDisks()).generation).toBe(bp.sleds[1]?.generation);
      expect(
        okBody(await t.client(0).getReconcilerInventory()).ledgered_sled_config,
      ).not.toBeNull();
      expect((await t.client(0).getDisks()).status).toBe(404);
      expect((await t.client(1).putConfig({} as never)).status).toBe(404); // not this profile's API
    } finally {
      await t.stop();
    }
  });
});
