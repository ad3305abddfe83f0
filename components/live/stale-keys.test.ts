import { describe, expect, it } from "vitest";
import { staleKeys, type KeyPaths } from "./stale-keys";

const k: KeyPaths = {
  executionList: ["execution", "list"],
  executionById: (id) => ["execution", "byId", id],
  audit: ["execution", "audit"],
  blueprintLists: ["blueprint", "list"],
  blueprintList: (rackId) => ["blueprint", "list", rackId],
  rawList: (rackId) => ["blueprint", "rawList", rackId],
  rackList: ["rack", "list"],
  rackById: (rackId) => ["rack", "byId", rackId],
  rackInventory: (rackId) => ["rack", "inventory", rackId],
  rackActivity: ["rack", "activity"],
  targetHistory: ["rack", "targetHistory"],
  nexusExecutor: ["nexusExecutor", "status"],
};

describe("staleKeys", () => {
  it("an execution's change refetches the lists (nav count, toasts) and that execution", () => {
    const keys = staleKeys(
      { kind: "execution", executionId: "e1", rackId: "r1", state: "running" },
      k,
    );
    expect(keys).toContainEqual(["execution", "list"]);
    expect(keys).toContainEqual(["execution", "byId", "e1"]);
    expect(keys).not.toContainEqual(["rack", "inventory", "r1"]);
  });

  it("a target change refetches the rack, its history and its drift (inventory)", () => {
    const keys = staleKeys({ kind: "target", rackId: "r1", blueprintId: "b2" }, k);
    expect(keys).toContainEqual(["rack", "byId", "r1"]);
    expect(keys).toContainEqual(["rack", "inventory", "r1"]);
    expect(keys).toContainEqual(["blueprint", "list", "r1"]);
  });

  it("a new blueprint refetches its rack's history only", () => {
    const keys = staleKeys({ kind: "blueprint", rackId: "r1", blueprintId: "b2" }, k);
    expect(keys).toContainEqual(["blueprint", "list", "r1"]);
    expect(keys).not.toContainEqual(["execution", "list"]);
  });

  it("a reconnect refetches what the stream carries but never calls every sled agent", () => {
    const keys = staleKeys({ kind: "hello" }, k);
    expect(keys).toContainEqual(["execution", "list"]);
    expect(keys.some((q) => q[1] === "inventory")).toBe(false);
  });
});
