import { describe, expect, it } from "vitest";
import { omicronJson } from "~/test/omicron-fixtures";
import { parseBlueprint } from "../blueprint/import";
import { reconcilerZoneSchema } from "./schemas";
import { agentImageSource, toWireZone } from "./bodies";

describe("zone image sources in agent requests", () => {
  it("sends a real blueprint's artifact source as the agent's {type, hash}, without the blueprint's version", () => {
    const parsed = parseBlueprint(omicronJson("real-system-sled-config-v14-converted.json"), {
      sledId: "s",
      blueprintId: "b",
    });
    if (!parsed.ok) throw new Error(JSON.stringify(parsed.errors));
    const zones = parsed.blueprint.sleds[0]?.zones ?? [];
    const artifact = zones.find(
      (z) => (z.imageSource as { type?: string } | undefined)?.type === "artifact",
    );
    if (!artifact) throw new Error("the real sled config has a zone from a TUF artifact");
    const source = artifact.imageSource as { hash: string; version: unknown };
    expect(source.version).toBeDefined();
    const wire = toWireZone(artifact, "reconciler");
    expect(wire.image_source).toEqual({ type: "artifact", hash: source.hash });
    // And the agent's schema (sled-agent OpenAPI v48) accepts every zone of that config as sent.
    for (const z of zones)
      expect(reconcilerZoneSchema.safeParse(toWireZone(z, "reconciler")).success).toBe(true);
    expect(toWireZone(artifact, "split").image_source).toBeUndefined();
  });

  it("keeps install_dataset, and makes an absent source install_dataset", () => {
    expect(agentImageSource(undefined)).toEqual({ type: "install_dataset" });
    expect(agentImageSource({ type: "install_dataset" })).toEqual({ type: "install_dataset" });
  });
});
