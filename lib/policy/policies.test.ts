import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { Blueprint, PhysicalDisk, SledConfig, Zone } from "../blueprint/model";
import {
  DEFAULT_POLICY_LEVELS,
  POLICY_IDS,
  REDUNDANCY,
  approvalRule,
  blockingMessage,
  changedSleds,
  checkPolicies,
  policyVerdict,
  sledsToObserve,
  type ObservedSled,
  type PolicyId,
  type PolicyInput,
} from "./policies";

const ZONE_TYPES = [
  "cockroach_db",
  "internal_dns",
  "boundary_ntp",
  "nexus",
  "crucible_pantry",
  "crucible",
  "internal_ntp",
  "oximeter",
] as const;

const id = (tag: string, n: number) =>
  `${tag.padEnd(8, "0").slice(0, 8)}-0000-4000-8000-${String(n).padStart(12, "0")}`;

function zone(n: number, type: string, disposition: Zone["disposition"] = "in_service"): Zone {
  return { id: id("a0", n), disposition, filesystemPool: null, zoneType: { type }, extra: {} };
}

function disk(n: number, disposition: PhysicalDisk["disposition"] = "in_service"): PhysicalDisk {
  return {
    id: id("d0", n),
    poolId: id("e0", n),
    identity: { vendor: "v", model: "m", serial: `serial-${n}` },
    disposition,
    extra: {},
  };
}

function sled(n: number, zones: Zone[], disks: PhysicalDisk[] = []): SledConfig {
  return {
    id: id("b0", n),
    state: "active",
    generation: 2,
    disks,
    datasets: [],
    zones,
    extra: {},
  };
}

function blueprint(sleds: SledConfig[], parentId: string | null = null, n = 1): Blueprint {
  return { id: id("c0", n), parentId, format: "current", sleds, extra: {} };
}

const clone = <T>(v: T): T => structuredClone(v);

/** The target: the parent with some zones expunged, as a child of it. */
function child(parent: Blueprint, edit: (bp: Blueprint) => void): Blueprint {
  const bp = clone(parent);
  bp.id = id("c0", 99);
  bp.parentId = parent.id;
  edit(bp);
  return bp;
}

function expunge(bp: Blueprint, zoneIds: readonly string[]) {
  for (const s of bp.sleds)
    for (const z of s.zones)
      if (zoneIds.includes(z.id)) {
        z.disposition = "expunged";
        s.generation = 3;
      }
}

function input(parent: Blueprint, target: Blueprint, extra: Partial<PolicyInput> = {}) {
  return { parent, target, currentBlueprintId: parent.id, hazardCount: 0, ...extra };
}

const result = (inp: PolicyInput, pid: PolicyId) => {
  const r = checkPolicies(inp).find((x) => x.id === pid);
  if (!r) throw new Error(`no result ${pid}`);
  return r;
};

/** A rack with five CockroachDB zones, three of each redundant kind but two boundary NTP. */
function fullRack(): Blueprint {
  let n = 0;
  const zones = (type: string, count: number) =>
    Array.from({ length: count }, () => zone(++n, type));
  return blueprint([
    sled(
      1,
      [...zones("cockroach_db", 3), ...zones("internal_dns", 2), ...zones("nexus", 2)],
      [disk(1), disk(2)],
    ),
    sled(2, [
      ...zones("cockroach_db", 2),
      ...zones("internal_dns", 1),
      ...zones("nexus", 1),
      ...zones("boundary_ntp", 2),
      ...zones("crucible_pantry", 3),
    ]),
  ]);
}

const zonesOf = (bp: Blueprint, type: string) =>
  bp.sleds.flatMap((s) => s.zones).filter((z) => z.zoneType.type === type);

describe("policy checks, by example", () => {
  it("passes every check for a child that expunges nothing but a crucible zone", () => {
    const p = fullRack();
    p.sleds[0]?.zones.push(zone(500, "crucible"));
    const t = child(p, (bp) => expunge(bp, [id("a0", 500)]));
    const results = checkPolicies(input(p, t));
    expect(results.map((r) => r.id)).toEqual(POLICY_IDS);
    expect(results.filter((r) => !r.passed)).toEqual([]);
    expect(results.map((r) => r.level)).toEqual(POLICY_IDS.map((i) => DEFAULT_POLICY_LEVELS[i]));
  });

  it("keeps a CockroachDB quorum: two of five may go, three may not", () => {
    const p = fullRack();
    const crdb = zonesOf(p, "cockroach_db").map((z) => z.id);
    const two = result(
      input(
        p,
        child(p, (bp) => expunge(bp, crdb.slice(0, 2))),
      ),
      "cockroachdb-quorum",
    );
    expect(two).toMatchObject({ passed: true, level: "hard-mandatory" });
    expect(two.message).toBe("expunges 2 CockroachDB zones: 3 of 5 stay in service; a quorum is 3");
    const three = result(
      input(
        p,
        child(p, (bp) => expunge(bp, crdb.slice(0, 3))),
      ),
      "cockroachdb-quorum",
    );
    expect(three.passed).toBe(false);
    expect(three.message).toBe(
      "expunges 3 CockroachDB zones: only 2 of 5 stay in service; a quorum is 3, so the database would lose its quorum",
    );
  });

  it("keeps omicron's redundancy of internal DNS unless a replacement comes in the same blueprint", () => {
    const p = fullRack();
    const dns = zonesOf(p, "internal_dns").map((z) => z.id);
    const one = result(
      input(
        p,
        child(p, (bp) => expunge(bp, dns.slice(0, 1))),
      ),
      "redundancy-internal-dns",
    );
    expect(one.passed).toBe(false);
    expect(one.message).toBe("expunges 1 internal DNS zone, leaving 2 in service: omicron keeps 3");
    const replaced = child(p, (bp) => {
      expunge(bp, dns.slice(0, 1));
      bp.sleds[1]?.zones.push(zone(900, "internal_dns"));
    });
    expect(result(input(p, replaced), "redundancy-internal-dns").passed).toBe(true);
  });

  it("names the last zone of a kind, and holds a small rack to what it has", () => {
    const p = blueprint([sled(1, [zone(1, "nexus")])]);
    const r = result(
      input(
        p,
        child(p, (bp) => expunge(bp, [id("a0", 1)])),
      ),
      "redundancy-nexus",
    );
    expect(r.message).toBe("expunges the last in-service Nexus zone of the rack");
    const two = blueprint([
      sled(1, [zone(1, "boundary_ntp"), zone(2, "crucible_pantry"), zone(3, "crucible_pantry")]),
    ]);
    const t = child(two, (bp) => expunge(bp, [id("a0", 2)]));
    expect(result(input(two, t), "redundancy-crucible-pantry")).toMatchObject({
      passed: false,
      message:
        "expunges 1 Crucible pantry zone, leaving 1 in service: omicron keeps 3 and this rack had 2",
    });
  });

  it("counts a decommissioned or removed sled's zones as expunged", () => {
    const p = fullRack();
    const decommissioned = child(p, (bp) => {
      const s = bp.sleds[1];
      if (s) s.state = "decommissioned";
    });
    expect(result(input(p, decommissioned), "redundancy-boundary-ntp").message).toBe(
      "expunges the last in-service boundary NTP zones of the rack",
    );
    const removed = child(p, (bp) => bp.sleds.splice(1, 1));
    expect(result(input(p, removed), "redundancy-crucible-pantry").passed).toBe(false);
  });

  it("asks for an override when inventory still shows an expunged disk or a removed sled", () => {
    const p = fullRack();
    const t = child(p, (bp) => {
      const d = bp.sleds[0]?.disks[0];
      if (d) d.disposition = "expunged";
    });
    const seen = (disks: number[]): Record<string, ObservedSled> => ({
      [id("b0", 1)]: { reachable: true, disks: disks.map((n) => disk(n).identity) },
    });
    expect(result(input(p, t, { observed: seen([2]) }), "expunges-present-hardware").passed).toBe(
      true,
    );
    expect(result(input(p, t), "expunges-present-hardware").passed).toBe(true);
    const present = result(input(p, t, { observed: seen([1, 2]) }), "expunges-present-hardware");
    expect(present).toMatchObject({ passed: false, level: "soft-mandatory" });
    expect(present.message).toBe(
      `inventory still shows present and healthy: disk ${id("d0", 1)} (serial serial-1) on sled ${id("b0", 1)}`,
    );
    const gone = child(p, (bp) => bp.sleds.splice(0, 1));
    expect(
      result(input(p, gone, { observed: seen([]) }), "expunges-present-hardware").message,
    ).toBe(
      `inventory still shows present and healthy: sled ${id("b0", 1)} (its sled agent still answers)`,
    );
    const unreachable = { [id("b0", 1)]: { reachable: false } };
    expect(
      result(input(p, gone, { observed: unreachable }), "expunges-present-hardware").passed,
    ).toBe(true);
  });

  it("warns when one execution changes more sleds than configured", () => {
    const p = blueprint(
      Array.from({ length: 4 }, (_, i) => sled(i + 1, [zone(i + 1, "crucible")])),
    );
    const t = child(p, (bp) =>
      expunge(
        bp,
        [1, 2, 3].map((n) => id("a0", n)),
      ),
    );
    expect(changedSleds(p, t)).toEqual([1, 2, 3].map((n) => id("b0", n)));
    expect(result(input(p, t, { maxSledsChanged: 3 }), "sleds-changed").passed).toBe(true);
    expect(result(input(p, t, { maxSledsChanged: 2 }), "sleds-changed")).toMatchObject({
      passed: false,
      level: "advisory",
      message: "changes 3 sleds: more than 2 in one execution",
    });
  });

  it("refuses a target that is not a child of the current blueprint, and a plan with hazards", () => {
    const p = fullRack();
    const t = child(p, () => {});
    expect(
      result(input(p, t, { currentBlueprintId: id("c0", 7) }), "target-is-child").message,
    ).toBe(`the target is a child of ${p.id}, but the rack's current blueprint is ${id("c0", 7)}`);
    const orphan = { ...t, parentId: null };
    expect(result(input(p, orphan), "target-is-child").message).toBe(
      `the target's parent is none, not ${p.id}`,
    );
    expect(result(input(p, t, { hazardCount: 2 }), "plan-hazards")).toMatchObject({
      passed: false,
      message: "the plan has 2 hazards",
    });
  });

  it("applies the rack's levels, and sorts failures into block, override and advice", () => {
    const p = fullRack();
    const crdb = zonesOf(p, "cockroach_db").map((z) => z.id);
    const t = child(p, (bp) => expunge(bp, crdb.slice(0, 3)));
    const inp = input(p, t, { hazardCount: 1, maxSledsChanged: 0 });
    const v = policyVerdict(
      checkPolicies({ ...inp, levels: { "cockroachdb-quorum": "soft-mandatory" } }),
    );
    expect(v.blocking.map((r) => r.id)).toEqual(["plan-hazards"]);
    expect(v.needsOverride.map((r) => r.id)).toEqual(["cockroachdb-quorum"]);
    expect(v.advisories.map((r) => r.id)).toEqual(["sleds-changed"]);
    expect(blockingMessage(v.blocking)).toBe(
      "1 hard-mandatory policy blocks this change: plan-hazards (the plan has 1 hazard)",
    );
  });
});

// --- properties on generated racks ----------------------------------------------------

const rackArb = fc
  .array(
    fc.record({
      zones: fc.array(fc.record({ type: fc.constantFrom(...ZONE_TYPES), expunged: fc.boolean() }), {
        maxLength: 8,
      }),
      disks: fc.integer({ min: 0, max: 3 }),
    }),
    { minLength: 1, maxLength: 6 },
  )
  .map((shapes) => {
    let z = 0;
    let d = 0;
    return blueprint(
      shapes.map((shape, s) =>
        sled(
          s + 1,
          shape.zones.map((x) => zone(++z, x.type, x.expunged ? "expunged" : "in_service")),
          Array.from({ length: shape.disks }, () => disk(++d)),
        ),
      ),
    );
  });

/** A parent, a child of it with random zones/disks expunged and sleds gone, and inventory. */
const caseArb = rackArb.chain((parent) => {
  const zoneIds = parent.sleds.flatMap((s) => s.zones.map((z) => z.id));
  const diskIds = parent.sleds.flatMap((s) => s.disks.map((x) => x.id));
  const sledIds = parent.sleds.map((s) => s.id);
  return fc.record({
    parent: fc.constant(parent),
    expungeZones: fc.subarray(zoneIds),
    expungeDisks: fc.subarray(diskIds),
    decommission: fc.subarray(sledIds),
    remove: fc.subarray(sledIds),
    reachable: fc.subarray(sledIds),
    reportsDisks: fc.subarray(diskIds),
    max: fc.integer({ min: 0, max: 6 }),
  });
});

type Case = typeof caseArb extends fc.Arbitrary<infer T> ? T : never;

function build(c: Case) {
  const target = child(c.parent, (bp) => {
    expunge(bp, c.expungeZones);
    for (const s of bp.sleds) {
      for (const x of s.disks) if (c.expungeDisks.includes(x.id)) x.disposition = "expunged";
      if (c.decommission.includes(s.id)) s.state = "decommissioned";
    }
    bp.sleds = bp.sleds.filter((s) => !c.remove.includes(s.id));
  });
  const observed: Record<string, ObservedSled> = {};
  for (const s of c.parent.sleds)
    observed[s.id] = {
      reachable: c.reachable.includes(s.id),
      disks: s.disks.filter((x) => c.reportsDisks.includes(x.id)).map((x) => x.identity),
    };
  return { parent: c.parent, target, observed, max: c.max };
}

/** The rules restated the obvious way, zone by zone. */
function oracle(parent: Blueprint, target: Blueprint, observed: Record<string, ObservedSled>) {
  const live = (bp: Blueprint) =>
    bp.sleds
      .filter((s) => s.state === "active")
      .flatMap((s) => s.zones.filter((z) => z.disposition === "in_service"));
  const before = live(parent);
  const after = new Set(live(target).map((z) => z.id));
  const count = (zs: Zone[], type: string) => zs.filter((z) => z.zoneType.type === type).length;
  const lost = (type: string) =>
    before.filter((z) => z.zoneType.type === type && !after.has(z.id)).length;
  const afterCount = (type: string) => live(target).filter((z) => z.zoneType.type === type).length;
  const fires: Partial<Record<PolicyId, boolean>> = {};
  const crdb = count(before, "cockroach_db");
  fires["cockroachdb-quorum"] = lost("cockroach_db") > 0 && 2 * afterCount("cockroach_db") <= crdb;
  for (const [kind, r] of Object.entries(REDUNDANCY)) {
    const pid = `redundancy-${kind.replace("_", "-")}` as PolicyId;
    fires[pid] = lost(kind) > 0 && afterCount(kind) < Math.min(r, count(before, kind));
  }
  let present = false;
  for (const s of parent.sleds.filter((x) => x.state === "active")) {
    const t = target.sleds.find((x) => x.id === s.id);
    const seen = observed[s.id];
    if (!t || t.state === "decommissioned") present ||= !!seen?.reachable;
    else
      for (const d of s.disks)
        if (
          d.disposition === "in_service" &&
          t.disks.find((x) => x.id === d.id)?.disposition === "expunged" &&
          seen?.reachable &&
          seen.disks?.some((x) => x.serial === d.identity.serial)
        )
          present = true;
  }
  fires["expunges-present-hardware"] = present;
  return fires;
}

describe("policy checks on generated racks", () => {
  it("each rule fires exactly when its condition holds", () => {
    fc.assert(
      fc.property(caseArb, (c) => {
        const { parent, target, observed, max } = build(c);
        const results = checkPolicies(input(parent, target, { observed, maxSledsChanged: max }));
        const fires = oracle(parent, target, observed);
        for (const [pid, expected] of Object.entries(fires))
          expect(results.find((r) => r.id === pid)?.passed, pid).toBe(!expected);
        const changed = parent.sleds.filter((s) => {
          const t = target.sleds.find((x) => x.id === s.id);
          return JSON.stringify(t ?? null) !== JSON.stringify(s);
        }).length;
        expect(results.find((r) => r.id === "sleds-changed")?.passed).toBe(changed <= max);
        expect(results.find((r) => r.id === "target-is-child")?.passed).toBe(true);
      }),
      { numRuns: 300 },
    );
  });

  it("a child that expunges nothing fails nothing", () => {
    fc.assert(
      fc.property(rackArb, (parent) => {
        const results = checkPolicies(
          input(
            parent,
            child(parent, () => {}),
          ),
        );
        expect(results.filter((r) => !r.passed)).toEqual([]);
      }),
    );
  });

  it("is deterministic", () => {
    fc.assert(
      fc.property(caseArb, (c) => {
        const { parent, target, observed } = build(c);
        const inp = input(parent, target, { observed });
        expect(checkPolicies(inp)).toEqual(checkPolicies(clone(inp)));
      }),
      { numRuns: 50 },
    );
  });
});

describe("sledsToObserve", () => {
  it("names exactly the sleds the check reads: removed, decommissioned, or losing a disk", () => {
    fc.assert(
      fc.property(caseArb, (c) => {
        const { parent, target } = build(c);
        const names = sledsToObserve(parent, target);
        // Reading every sled's inventory gives the same verdict as reading only those.
        const all: Record<string, ObservedSled> = {};
        for (const s of parent.sleds)
          all[s.id] = { reachable: true, disks: s.disks.map((d) => d.identity) };
        const only = Object.fromEntries(Object.entries(all).filter(([k]) => names.includes(k)));
        const verdict = (observed: Record<string, ObservedSled>) =>
          result(input(parent, target, { observed }), "expunges-present-hardware").passed;
        expect(verdict(only)).toBe(verdict(all));
        // And each named sled matters: seen present alone, it fails the check.
        for (const id of names) expect(verdict({ [id]: all[id] as ObservedSled })).toBe(false);
      }),
      { numRuns: 200 },
    );
  });
});

describe("approvalRule", () => {
  it("asks two approvers exactly when a sled leaves or a CockroachDB zone is expunged", () => {
    fc.assert(
      fc.property(caseArb, (c) => {
        const { parent, target } = build(c);
        const after = new Map(target.sleds.map((s) => [s.id, s]));
        const sledOut = parent.sleds.some(
          (s) => s.state === "active" && after.get(s.id)?.state !== "active",
        );
        const liveAfter = new Set(
          target.sleds
            .filter((s) => s.state === "active")
            .flatMap((s) => s.zones.filter((z) => z.disposition === "in_service").map((z) => z.id)),
        );
        const crdbOut = parent.sleds
          .filter((s) => s.state === "active")
          .some((s) =>
            s.zones.some(
              (z) =>
                z.zoneType.type === "cockroach_db" &&
                z.disposition === "in_service" &&
                !liveAfter.has(z.id),
            ),
          );
        expect(approvalRule(parent, target).required).toBe(sledOut || crdbOut ? 2 : 1);
      }),
      { numRuns: 300 },
    );
  });

  it("says why", () => {
    const p = fullRack();
    const crdb = zonesOf(p, "cockroach_db").map((z) => z.id);
    expect(
      approvalRule(
        p,
        child(p, () => {}),
      ),
    ).toEqual({ required: 1, reason: "one approver" });
    const both = child(p, (bp) => {
      expunge(bp, crdb.slice(0, 1));
      bp.sleds.splice(1, 1);
    });
    expect(approvalRule(p, both)).toEqual({
      required: 2,
      reason:
        "two approvers: the change takes a sled out of the rack and expunges 3 CockroachDB zones",
    });
  });
});
