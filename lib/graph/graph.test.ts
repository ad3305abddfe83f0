import { describe, expect, it } from "vitest";
import {
  blueprint,
  crucibleSled,
  dataset,
  disk,
  POOL,
  sled,
  SLED,
  zoneWithDatasets,
} from "~/test/support/tiny-rack";
import { buildDependencyGraph, topologicalOrder } from "./dependency-graph";
import { itemChanges } from "./item-changes";

const edgesOf = (g: ReturnType<typeof buildDependencyGraph>) =>
  g.edges.map((e) => `${e.source.split(":")[0]} -> ${e.target.split(":")[0]}: ${e.text}`);

describe("dependency graph", () => {
  it("orders a crucible zone's removal before its datasets' removal", () => {
    const parent = blueprint("p", null, [crucibleSled(2)]);
    const target = blueprint("t", "p", [crucibleSled(3, "expunged")]);
    target.sleds[0]!.disks = parent.sleds[0]!.disks;
    target.sleds[0]!.datasets = target.sleds[0]!.datasets.map((d) =>
      d.kind === "zone" ? { ...d, disposition: "in_service" } : d,
    );
    const g = buildDependencyGraph(itemChanges(parent, target));
    expect(g.nodes.map((n) => n.label)).toMatchInlineSnapshot(`
      [
        "dataset crucible 694bd14f… on 30c16fe4… expunged",
        "dataset zone root 694bd14f… on 30c16fe4… expunged",
        "zone crucible 694bd14f… expunged",
      ]
    `);
    expect(edgesOf(g)).toMatchInlineSnapshot(`
      [
        "zone -> dataset: zone crucible 694bd14f… uses root dataset zone/… on oxp_30c16fe4-4229-49d0-ab01-3138f2c7dff2",
        "zone -> dataset: zone crucible 694bd14f… uses durable dataset crucible on oxp_30c16fe4-4229-49d0-ab01-3138f2c7dff2",
      ]
    `);
  });

  it("orders additions from the disk up to the zone", () => {
    const z = zoneWithDatasets("cccccccc-0000-4000-8000-000000000003", "crucible", POOL);
    const parent = blueprint("p", null, [sled(SLED, 1, {})]);
    const target = blueprint("t", "p", [
      sled(SLED, 2, {
        disks: [disk("d1", POOL)],
        datasets: [dataset("z1", POOL, "zone"), ...z.datasets],
        zones: [z.zone],
      }),
    ]);
    const g = buildDependencyGraph(itemChanges(parent, target));
    expect(edgesOf(g)).toMatchInlineSnapshot(`
      [
        "disk -> dataset: dataset crucible lives on oxp_30c16fe4-4229-49d0-ab01-3138f2c7dff2, the pool of disk serial-30c16fe4-4229-49d0-ab01-3138f2c7dff2",
        "disk -> dataset: dataset zone/oxz_crucible_cccccccc-0000-4000-8000-000000000003 lives on oxp_30c16fe4-4229-49d0-ab01-3138f2c7dff2, the pool of disk serial-30c16fe4-4229-49d0-ab01-3138f2c7dff2",
        "dataset -> dataset: zone root dataset zone/oxz_crucible_cccccccc-0000-4000-8000-000000000003 sits under the zone dataset of oxp_30c16fe4-4229-49d0-ab01-3138f2c7dff2",
        "disk -> dataset: dataset zone lives on oxp_30c16fe4-4229-49d0-ab01-3138f2c7dff2, the pool of disk serial-30c16fe4-4229-49d0-ab01-3138f2c7dff2",
        "dataset -> zone: zone crucible cccccccc… uses root dataset zone/… on oxp_30c16fe4-4229-49d0-ab01-3138f2c7dff2",
        "dataset -> zone: zone crucible cccccccc… uses durable dataset crucible on oxp_30c16fe4-4229-49d0-ab01-3138f2c7dff2",
      ]
    `);
    const topo = topologicalOrder(g);
    expect(topo.ok && topo.order[0]).toBe("disk:d1");
    expect(topo.ok && topo.order.at(-1)).toBe(`zone:${z.zone.id}`);
  });

  it("reports a cycle as a value", () => {
    const g = {
      nodes: [{ key: "a" }, { key: "b" }] as never,
      edges: [
        { source: "a", target: "b" },
        { source: "b", target: "a" },
      ] as never,
    };
    expect(topologicalOrder(g)).toEqual({ ok: false, kind: "cycle", nodes: ["a", "b"] });
  });
});
