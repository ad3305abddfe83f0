import { describe, expect, it } from "vitest";
import { describeProgress, formatSize, importBody, sentSummary } from "./upload-import";

describe("importBody", () => {
  it("puts the already-checked JSON text in as it is, with the rack and an escaped comment", () => {
    const jsonText = '{\n  "id": "x",  "sleds": {}\n}';
    const body = importBody("rack-1", jsonText, 'a "quoted"\ncomment');
    expect(JSON.parse(body)).toEqual({
      rackId: "rack-1",
      json: { id: "x", sleds: {} },
      comment: 'a "quoted"\ncomment',
    });
    expect(body).toContain(jsonText);
    expect(JSON.parse(importBody("r", "[]", undefined))).toEqual({ rackId: "r", json: [] });
  });
});

describe("progress lines", () => {
  it("says how far each phase got, and what was sent compressed", () => {
    expect(formatSize(3.7 * 2 ** 20)).toBe("3.7 MiB");
    expect(formatSize(640 * 1024)).toBe("640 KiB");
    expect(describeProgress({ phase: "reading", done: 2 ** 20, total: 4 * 2 ** 20 })).toBe(
      "Reading the file: 1.0 MiB of 4.0 MiB",
    );
    const sending = { done: 512 * 1024, total: 2 ** 20, jsonBytes: 8 * 2 ** 20 };
    expect(describeProgress({ phase: "sending", ...sending })).toBe(
      "Sending: 512 KiB of 1.0 MiB (gzip of 8.0 MiB of JSON)",
    );
    expect(describeProgress({ phase: "sending", done: 10, total: 2048, jsonBytes: 2048 })).toBe(
      "Sending: 1 KiB of 2 KiB",
    );
    const storing = {
      phase: "storing" as const,
      done: 2 ** 20,
      total: 2 ** 20,
      jsonBytes: 8 * 2 ** 20,
    };
    expect(sentSummary(storing)).toBe("Sent 1.0 MiB (gzip of 8.0 MiB of JSON).");
    expect(describeProgress(storing)).toBe(
      "Sent 1.0 MiB (gzip of 8.0 MiB of JSON). The console is validating and storing it…",
    );
  });
});
