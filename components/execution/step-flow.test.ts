import { describe, expect, it } from "vitest";
import { decommissionPlan, SLED_C, twoSledPlan } from "./fixtures";
import { describeStep } from "./read-plan";
import {
  STATE_BADGE,
  STEP_GRAPH_MAX_HEIGHT,
  stepDepths,
  stepNodeWidth,
  toStepFlow,
} from "./step-flow";

const plan = twoSledPlan();
const [a1, a2, b1] = plan.steps.map((s) => s.id) as [string, string, string, string];

describe("toStepFlow", () => {
  it("lays sleds out as columns and DAG depth as rows", () => {
    expect([...stepDepths(plan).values()]).toEqual([0, 1, 0, 1]);
    const { nodes, edges } = toStepFlow(plan, new Map(), null);
    expect(nodes.map((n) => [n.data.title, n.position.x > 0, n.position.y > 0])).toEqual([
      ["1-zones", false, false],
      ["2-datasets", false, true],
      ["1-zones", true, false],
      ["2-datasets", true, true],
    ]);
    expect(edges.map((e) => e.id)).toEqual([`${a1}->${a2}`, `${b1}->${plan.steps[3]?.id}`]);
  });

  it("says each step's state in its accessible name and marks the root failure", () => {
    const { nodes, edges } = toStepFlow(
      plan,
      new Map([
        [a1, { state: "running", attemptCount: 2 }],
        [b1, { state: "failed", attemptCount: 1 }],
      ]),
      b1,
    );
    expect(nodes[0]?.ariaLabel).toBe("step 1-zones on sled aaaaaaaa…: running");
    expect(nodes[2]?.ariaLabel).toBe("step 1-zones on sled bbbbbbbb…: failed, likely root failure");
    expect(nodes[2]?.className).toContain("root-failure");
    expect(edges[0]?.animated).toBe(true);
    expect(STATE_BADGE.skipped).toContain("skipped");
  });
});

describe("a decommission step", () => {
  it("is a node like any other, labelled as no request, after every request", () => {
    const withGone = decommissionPlan();
    const { nodes, edges } = toStepFlow(withGone, new Map(), null);
    const gone = nodes.find((n) => n.data.stepId === `${SLED_C}/decommission`);
    expect(gone?.data.path).toBe("no request");
    expect(gone?.ariaLabel).toBe("step decommission on sled cccccccc…: pending");
    expect(edges.filter((e) => e.target === gone?.id)).toHaveLength(4);
    expect(describeStep(withGone.steps[4]!)).toBe(
      "no request to any sled agent: sled cccccccc… will be marked decommissioned",
    );
    expect(describeStep(withGone.steps[0]!)).toBe("PUT /omicron-zones (generation 3)");
  });
});

describe("the plan graph's nodes and box", () => {
  it("label each node's sled and are wide enough for their longest line", () => {
    const { nodes } = toStepFlow(plan, new Map(), null);
    expect(nodes.map((n) => n.data.sledLabel)).toEqual([
      "sled aaaaaaaa…",
      "sled aaaaaaaa…",
      "sled bbbbbbbb…",
      "sled bbbbbbbb…",
    ]);
    const longest = Math.max(...nodes.map((n) => n.data.path.length));
    for (const n of nodes) expect(n.width).toBeGreaterThanOrEqual(longest * 7);
    // Columns never overlap, whatever the width.
    const [first, , third] = nodes;
    expect((third?.position.x ?? 0) - (first?.position.x ?? 0)).toBeGreaterThan(first?.width ?? 0);
  });

  it("size the box to the rows of nodes (one step: one short box), up to a cap", () => {
    const one = { ...plan, steps: plan.steps.slice(0, 1) };
    const small = toStepFlow(one, new Map(), null);
    const two = toStepFlow(plan, new Map(), null);
    expect(small.height).toBeLessThan(two.height);
    expect(small.height).toBeGreaterThanOrEqual(small.nodes[0]?.height ?? 0);
    expect(two.height).toBeLessThanOrEqual(STEP_GRAPH_MAX_HEIGHT);
  });

  it("never grows a node past its cap, and never narrower than the minimum", () => {
    expect(stepNodeWidth(["x"])).toBe(220);
    expect(stepNodeWidth(["x".repeat(500)])).toBe(520);
  });
});
