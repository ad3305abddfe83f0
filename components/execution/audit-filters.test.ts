import { describe, expect, it } from "vitest";
import { auditSearch, describeDetails, parseAuditFilters } from "./audit-filters";

const ID = "9b77fb12-500d-46dd-b367-66729eae12f4";

describe("audit filters and details", () => {
  it("round-trips known filters and drops the rest", () => {
    const f = parseAuditFilters(
      new URLSearchParams(`executionId=${ID}&action=execution.approve&actorId=nope`),
    );
    expect(f).toEqual({ executionId: ID, action: "execution.approve" });
    expect(auditSearch(f)).toBe(`?executionId=${ID}&action=execution.approve`);
    expect(parseAuditFilters(new URLSearchParams("action=drop-table"))).toEqual({});
    expect(parseAuditFilters(new URLSearchParams("action=login-throttled"))).toEqual({
      action: "login-throttled",
    });
  });

  it("summarises details on one line, hashes shortened", () => {
    expect(
      describeDetails({
        planHash: "a".repeat(64),
        comment: "",
        steps: 4,
        failedSteps: ["x"],
        nested: { a: 1 },
      }),
    ).toBe("planHash: aaaaaaaaaaaa… · steps: 4 · failedSteps: 1 item · nested: {…}");
    expect(describeDetails(null)).toBe("");
  });
});
