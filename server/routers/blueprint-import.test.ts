import { describe, expect, it } from "vitest";
import { toOmicronJson } from "~/lib/blueprint/export";
import { makeExampleRack } from "~/lib/examples/rack";
import { omicronJson } from "~/test/omicron-fixtures";
import {
  callerFor,
  crucibleZone,
  errorCode as errorOf,
  exampleRack,
  makeRack,
  makeUser,
  unique,
} from "~/test/support/console-fixture";
import { listAudit } from "../repo/audit";
import { listBlueprints } from "../repo/blueprints";

describe("blueprint.import", () => {
  it("stores a real sled config (dogfood 2025-05-01) with counts, marks it current, audits it, and refuses it twice", async () => {
    const operator = await makeUser("importer", ["operator"]);
    const rackId = await makeRack("dogfood");
    const json = omicronJson("dogfood-2025-05-01-merged-sled-config.json");
    const first = await callerFor(operator).blueprint.import({
      rackId,
      json,
      comment: "dogfood sled",
    });
    expect(first.ok).toBe(true);
    if (!first.ok) return;
    expect(first.blueprint).toMatchObject({
      rackId,
      source: "import",
      comment: "dogfood sled",
      isCurrent: true,
      counts: { sleds: 1 },
    });
    expect(first.blueprint.counts.zones).toBeGreaterThan(0);
    expect(first.blueprint.counts.datasets).toBeGreaterThan(first.blueprint.counts.zones);
    expect(await listAudit({ actorId: operator.id, action: "blueprint.import" })).toHaveLength(1);

    const again = await callerFor(operator).blueprint.import({ rackId, json });
    expect(again).toMatchObject({ ok: false, reason: "duplicate", existingId: first.blueprint.id });
    expect(await listBlueprints(rackId)).toHaveLength(1);
  });

  it("returns parse errors with JSON paths and stores nothing", async () => {
    const { caller, rackId, example } = await exampleRack(1);
    // A deep copy: the export shares objects with the model.
    const json = structuredClone(toOmicronJson(example)) as {
      sleds: Record<string, { zones: { zone_type: { type: unknown } }[] }>;
    };
    const sledJson = Object.values(json.sleds)[0];
    if (!sledJson?.zones[0]) throw new Error("example has no zone");
    sledJson.zones[0].zone_type.type = 42;
    const result = await caller.blueprint.import({ rackId, json });
    if (result.ok || result.reason !== "invalid")
      throw new Error(`expected invalid, got ${JSON.stringify(result)}`);
    expect(result.errors).toEqual([
      {
        path: expect.stringMatching(/^sleds\.[0-9a-f-]{36}\.zones\[0\]\.zone_type\.type$/),
        message: expect.any(String),
      },
    ]);

    const badId = { ...(toOmicronJson(example) as object), id: "not-a-uuid" };
    expect(await caller.blueprint.import({ rackId, json: badId })).toMatchObject({
      ok: false,
      reason: "invalid",
      errors: [{ path: "id" }],
    });
    // uuid-shaped but no RFC 9562 version: the API could not name it (server/dto/id.ts)
    const versionless = {
      ...(toOmicronJson(example) as object),
      id: "12345678-1234-0234-0234-123456789abc",
    };
    expect(await caller.blueprint.import({ rackId, json: versionless })).toMatchObject({
      ok: false,
      reason: "invalid",
      errors: [{ path: "id" }],
    });
    expect(await listBlueprints(rackId)).toHaveLength(1); // only the example
  });

  it("refuses a blueprint that parses but fails validation (a zone without its dataset), storing nothing", async () => {
    const { caller, rackId } = await exampleRack(1);
    const broken = makeExampleRack({ sleds: 1, seed: unique("broken") });
    const sled = broken.sleds[0];
    if (!sled) throw new Error("no sled");
    const { zoneId } = crucibleZone(broken);
    sled.datasets = sled.datasets.filter((d) => !d.kind.endsWith(zoneId));
    const result = await caller.blueprint.import({ rackId, json: toOmicronJson(broken) });
    expect(result).toMatchObject({ ok: false, reason: "invalid", errors: [] });
    if (result.ok || result.reason !== "invalid") return;
    expect(
      result.findings.some((f) => f.severity === "error" && f.items.some((i) => i.id === zoneId)),
    ).toBe(true);
    expect(await listBlueprints(rackId)).toHaveLength(1);
  });

  it("answers NOT_FOUND for an unknown rack", async () => {
    const operator = await makeUser("op", ["operator"]);
    expect(
      await errorOf(
        callerFor(operator).blueprint.import({
          rackId: "00000000-0000-4000-8000-000000000000",
          json: {},
        }),
      ),
    ).toBe("NOT_FOUND");
  });
});
