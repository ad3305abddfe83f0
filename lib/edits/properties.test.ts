import { describe, expect, it } from "vitest";
import type { Blueprint } from "../blueprint/model";
import { diffBlueprints } from "../diff/diff-blueprints";
import {
  briefParent,
  deepFreeze,
  ZONE_ID,
  ZONE_ROOT_DATASET_ID,
} from "../diff/testing/brief-example";
import { applyEdits, expungeZone, setDatasetQuota } from "./apply";
import type { EditResult } from "./types";

function ok(result: EditResult): Blueprint {
  if (!result.ok) throw new Error(result.error);
  return result.blueprint;
}

const parent = deepFreeze(structuredClone(briefParent));
const GIB = 1024 ** 3;

describe("dataset property edits", () => {
  it("changes a quota in place: same id, reported as modified, generation bumped", () => {
    const child = ok(setDatasetQuota(parent, ZONE_ROOT_DATASET_ID, 10 * GIB));
    const diff = diffBlueprints(parent, child);
    const dataset = diff.sleds[0]?.datasets.find((d) => d.id === ZONE_ROOT_DATASET_ID);
    expect(dataset).toMatchObject({
      status: "modified",
      changes: [{ field: "quota", before: null, after: 10 * GIB }],
    });
    expect(diff.sleds[0]?.generation).toEqual({ before: 2, after: 3 });
    expect(diff.summary.datasets).toEqual({ added: 0, removed: 0, modified: 1, unchanged: 2 });
  });

  it("changes reservation and compression together", () => {
    const child = ok(
      applyEdits(parent, [
        {
          kind: "set-dataset-properties",
          datasetId: ZONE_ROOT_DATASET_ID,
          properties: { quota: 4 * GIB, reservation: GIB, compression: { type: "lz4" } },
        },
      ]),
    );
    const changes = diffBlueprints(parent, child).sleds[0]?.datasets.find(
      (d) => d.id === ZONE_ROOT_DATASET_ID,
    )?.changes;
    expect(changes?.map((c) => c.field)).toEqual(["quota", "reservation", "compression"]);
  });

  it("refuses invalid values, no-ops and expunged datasets", () => {
    const refuse = (result: EditResult) => (result.ok ? "accepted" : result.error);
    expect(refuse(setDatasetQuota(parent, ZONE_ROOT_DATASET_ID, -1))).toContain(
      "whole number of bytes",
    );
    expect(refuse(setDatasetQuota(parent, ZONE_ROOT_DATASET_ID, 1.5))).toContain(
      "whole number of bytes",
    );
    expect(refuse(setDatasetQuota(parent, ZONE_ROOT_DATASET_ID, null))).toContain(
      "already has these properties",
    );
    expect(refuse(setDatasetQuota(parent, "nope", 1))).toBe("dataset nope not found");
    const reserved = ok(
      applyEdits(parent, [
        {
          kind: "set-dataset-properties",
          datasetId: ZONE_ROOT_DATASET_ID,
          properties: { reservation: GIB },
        },
      ]),
    );
    expect(refuse(setDatasetQuota(reserved, ZONE_ROOT_DATASET_ID, 1024))).toContain(
      "exceeds quota",
    );
    const badGzip = {
      kind: "set-dataset-properties" as const,
      datasetId: ZONE_ROOT_DATASET_ID,
      properties: { compression: { type: "gzip_n", level: 12 } },
    };
    expect(refuse(applyEdits(parent, [badGzip]))).toContain("invalid level");
    const expunged = ok(expungeZone(parent, ZONE_ID));
    const crucible = expunged.sleds[0]?.datasets.find((d) => d.kind === "crucible");
    expect(refuse(setDatasetQuota(expunged, crucible?.id ?? "", GIB))).toContain("is expunged");
  });
});
