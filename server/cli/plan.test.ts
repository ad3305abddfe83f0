/**
 * The plan CLI on blueprints in omicron's own JSON form (validated against omicron's
 * lockstep OpenAPI Blueprint schema first), and its failure modes.
 */
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { toOmicronJson } from "~/lib/blueprint/export";
import { applyEdits } from "~/lib/edits/apply";
import { makeExampleRack } from "~/lib/examples/rack";
import { schemaErrors } from "~/test/support/openapi";
import { runPlanCli } from "./plan";

const dir = mkdtempSync(join(tmpdir(), "plan-cli-"));
const parent = makeExampleRack({ sleds: 2, seed: "cli-test" });
const zone = parent.sleds[0]?.zones.find((z) => z.zoneType.type === "crucible");
const child = applyEdits(parent, zone ? [{ kind: "expunge-zone", zoneId: zone.id }] : []);
if (!child.ok) throw new Error(child.error);
const write = (name: string, value: unknown) => {
  const file = join(dir, name);
  writeFileSync(file, typeof value === "string" ? value : JSON.stringify(value));
  return file;
};
const P = write("parent.json", toOmicronJson(parent));
const T = write("target.json", toOmicronJson(child.blueprint));

describe("npm run plan", () => {
  it("reads blueprints in omicron's schema and prints exactly the documented JSON", () => {
    for (const bp of [parent, child.blueprint])
      expect(
        schemaErrors(
          "nexus-lockstep-openapi-latest-blueprint-schema.json",
          "Blueprint",
          toOmicronJson(bp),
        ),
      ).toEqual([]);
    const r = runPlanCli(["--parent", P, "--target", T, "--profile", "split", "--json"]);
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout) as Record<string, unknown> & {
      steps: Record<string, unknown>[];
    };
    expect(Object.keys(out).sort()).toEqual([
      "estimate",
      "hazards",
      "order",
      "planHash",
      "profile",
      "steps",
    ]);
    expect(out).toMatchObject({
      profile: "split",
      order: "safe",
      hazards: [],
      planHash: expect.stringMatching(/^[0-9a-f]{64}$/),
    });
    expect(out.steps.map((s) => Object.keys(s).sort())).toEqual(
      out.steps.map(() => ["body", "dependsOn", "id", "method", "path", "sledId"]),
    );
    expect(out.steps.map((s) => s.path)).toEqual(["/omicron-zones", "/datasets"]);
  });

  it("marks the January-2025 order's failing step in the table", () => {
    const r = runPlanCli(["--parent", P, "--target", T, "--profile", "split", "--order", "phased"]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/1-datasets .*PUT \/datasets/);
    expect(r.stdout).toContain("! would fail: dataset crucible on oxp_");
    expect(r.stdout).toContain("hazard(s) in 1 step(s)");
  });

  it("shows an expunged sled's decommission step: no request, in the table and the JSON", () => {
    const gone = parent.sleds[0]!.id;
    const expunged = applyEdits(parent, [{ kind: "expunge-sled", sledId: gone }]);
    if (!expunged.ok) throw new Error(expunged.error);
    const G = write("expunged.json", toOmicronJson(expunged.blueprint));
    const json = runPlanCli(["--parent", P, "--target", G, "--json"]);
    expect(json.code).toBe(0);
    expect((JSON.parse(json.stdout) as { steps: unknown[] }).steps).toEqual([
      { id: `${gone}/decommission`, sledId: gone, kind: "decommission", dependsOn: [] },
    ]);
    const table = runPlanCli(["--parent", P, "--target", G]);
    expect(table.stdout).toContain(`${gone}/decommission`);
    expect(table.stdout).toContain("none (decommission)");
  });

  it("is deterministic: the same inputs give the same plan hash", () => {
    const a = JSON.parse(runPlanCli(["--parent", P, "--target", T, "--json"]).stdout) as {
      planHash: string;
    };
    const b = JSON.parse(runPlanCli(["--parent", P, "--target", T, "--json"]).stdout) as {
      planHash: string;
    };
    expect(a.planHash).toBe(b.planHash);
  });

  it.each([
    [["--parent", join(dir, "missing.json"), "--target", T], /cannot read --parent .*ENOENT/],
    [["--parent", write("not-json.json", "{nope"), "--target", T], /is not JSON/],
    [
      ["--parent", write("invalid.json", { sleds: 3 }), "--target", T],
      /is not a valid blueprint: /,
    ],
    [["--target", T], /--parent FILE is required/],
    [
      ["--parent", P, "--target", T, "--profile", "grpc"],
      /--profile must be one of split, reconciler/,
    ],
    [["--parent", P, "--target", T, "--bogus"], /Unknown option/],
  ])("exits 2 with one line on stderr for %j", (args, message) => {
    const r = runPlanCli(args);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe("");
    expect(r.stderr).toMatch(message);
    expect(r.stderr.trim().split("\n")).toHaveLength(1);
  });
});
