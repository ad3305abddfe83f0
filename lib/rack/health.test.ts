import { describe, expect, it } from "vitest";
import { rackHealth, sledHealth } from "./health";

const sled = (reachable: boolean, inSync: boolean | null, decommissioned = false) => ({
  reachable,
  decommissioned,
  drift: inSync === null ? null : { inSync },
});

describe("rack health", () => {
  it("classifies each sled once: decommissioned before unreachable before drifting", () => {
    expect(sledHealth(sled(false, null, true))).toBe("decommissioned");
    expect(sledHealth(sled(false, null))).toBe("unreachable");
    expect(sledHealth(sled(true, false))).toBe("drifting");
    expect(sledHealth(sled(true, true))).toBe("in-sync");
    // Reachable with nothing to compare against (no current blueprint): nothing drifts.
    expect(sledHealth(sled(true, null))).toBe("in-sync");
  });

  it("counts the sleds and names the rack by its worst sled still in it", () => {
    expect(rackHealth([sled(true, true), sled(true, false), sled(false, null, true)])).toEqual({
      counts: { "in-sync": 1, drifting: 1, unreachable: 0, decommissioned: 1 },
      worst: "drifting",
    });
    expect(rackHealth([sled(true, false), sled(false, null)]).worst).toBe("unreachable");
    expect(rackHealth([sled(false, null, true)]).worst).toBe("in-sync");
    expect(rackHealth([]).counts["in-sync"]).toBe(0);
  });
});
