/**
 * The text diff against omicron's real outputs: the blueprints are rebuilt from the
 * `blueprint-show` in the same transcript, edited with the console's own edits, and the
 * rendering must equal omicron's `blueprint-diff` text line for line, minus the parts the
 * console does not model (update disposition, measurements, host phase 2).
 */
import { describe, expect, it } from "vitest";
import { omicronText } from "~/test/omicron-fixtures";
import { applyEdits } from "../edits/apply";
import { diffBlueprints } from "./diff-blueprints";
import { renderDiffText } from "./render-text";
import { briefParent, SLED_ID } from "./testing/brief-example";
import { parseBlueprintShow, parseSledBlock } from "./testing/omicron-text";
import type { Blueprint } from "../blueprint/model";

const EXPUNGE = "diff-2026-08-expunge-crucible-zones.txt";
const BP1 = "dbcbd3d6-41ff-48ae-ac0b-1becc9b2fd21";
const BP2 = "8da82a8e-bf97-4fbd-8ddd-9f6462732cf1";
const BP3 = "58d5e830-0884-47d8-a7cd-b2b3751adeb4";

/** omicron's diff text for `blueprint-diff <id>`, without the sections the console omits. */
function omicronDiff(transcript: string, blueprintId: string): string {
  const lines = transcript.split("\n");
  const command = lines.findIndex((line) => line === `> blueprint-diff ${blueprintId}`);
  const from = lines.findIndex((line, i) => i > command && line.startsWith("from: blueprint"));
  const to = lines.findIndex(
    (line, i) => i > from && /^ (COCKROACHDB SETTINGS|internal DNS)/.test(line),
  );
  return stripUnmodelled(lines.slice(from, to === -1 ? undefined : to));
}

function stripUnmodelled(lines: readonly string[]): string {
  const out: string[] = [];
  let skipping = false;
  for (const line of lines) {
    if (/^ {4}(measurements|host phase 2 contents):/.test(line)) skipping = true;
    else if (
      /^ {4}(physical disks|datasets|omicron zones):$/.test(line) ||
      /^ {0,2}[A-Za-z]/.test(line)
    )
      skipping = false;
    if (skipping || /^.\s{3}update disposition:/.test(line)) continue;
    out.push(line.trimEnd());
  }
  return normalise(out.join("\n"));
}

/** Trailing spaces and runs of blank lines are not part of the comparison. */
function normalise(text: string): string {
  return text
    .split("\n")
    .map((line) => line.trimEnd())
    .join("\n")
    .replace(/\n{3,}/g, "\n\n")
    .trim();
}

function mustApply(result: ReturnType<typeof applyEdits>): Blueprint {
  if (!result.ok) throw new Error(result.error);
  return result.blueprint;
}

describe("renderDiffText against reconfigurator-cli output", () => {
  const transcript = omicronText(EXPUNGE);
  const parent = parseBlueprintShow(transcript, BP1);
  const expungeOne = mustApply(
    applyEdits(parent, [{ kind: "expunge-zone", zoneId: "694bd14f-cb24-4be4-bb19-876e79cda2c8" }], {
      blueprintId: BP2,
    }),
  );

  it("matches the diff after expunging one crucible zone (the #7309 case)", () => {
    const text = renderDiffText(diffBlueprints(parent, expungeOne));
    expect(normalise(text)).toBe(omicronDiff(transcript, BP2));
  });

  it("matches the diff after expunging two zones on two sleds in one blueprint", () => {
    const edits = [
      { kind: "expunge-zone" as const, zoneId: "7c252b64-c5af-4ec1-989e-9a03f3b0f111" },
      { kind: "expunge-zone" as const, zoneId: "dfac80b4-a887-430a-ae87-a4e065dba787" },
    ];
    const expungeTwo = mustApply(applyEdits(expungeOne, edits, { blueprintId: BP3 }));
    const text = renderDiffText(diffBlueprints(expungeOne, expungeTwo));
    expect(normalise(text)).toBe(omicronDiff(transcript, BP3));
  });

  it("prints every line byte for byte as omicron does, trailing padding included", () => {
    const known = new Set(transcript.split("\n"));
    const lines = renderDiffText(diffBlueprints(parent, expungeOne)).split("\n");
    expect(lines.filter((line) => line !== "" && !known.has(line))).toEqual([]);
  });

  it("keeps omicron's row markers and continuation cells", () => {
    const lines = renderDiffText(diffBlueprints(parent, expungeOne)).split("\n");
    expect(lines.slice(0, 5)).toEqual([
      `from: blueprint ${BP1}`,
      `to:   blueprint ${BP2}`,
      "",
      " MODIFIED SLEDS:",
      "",
    ]);
    expect(lines).toContain(
      "  sled d81c6a84-79b8-4958-ae41-ea46c9b19763 (active, config generation 2 -> 3):",
    );
    const zoneRow = lines.findIndex((l) => l.startsWith("*   crucible          694bd14f"));
    expect(lines[zoneRow]).toContain("- in service     fd00:1122:3344:103::8");
    expect(lines[zoneRow + 1]?.trimEnd()).toMatch(/^ {5}└─ +\+ expunged ⏳$/);
  });
});

describe("renderDiffText for an added sled (planner_basic_add_sled_2_3)", () => {
  it("prints every row with + and the sled's generation", () => {
    const transcript = omicronText("diff-2026-08-planner-add-sled.txt");
    const lines = transcript.split("\n");
    const sledLine = lines.findIndex((l) => l.startsWith("  sled ec61eded"));
    const end = lines.findIndex((l) => l.startsWith(" COCKROACHDB SETTINGS"));
    const sled = parseSledBlock(
      "ec61eded-c34f-443d-a580-dadf757529c4",
      2,
      lines.slice(sledLine, end),
    );
    const before: Blueprint = {
      id: "f6effac8-8e81-4f82-a57f-946db5b45d5e",
      parentId: null,
      format: "current",
      sleds: [],
      extra: {},
    };
    const after: Blueprint = {
      ...before,
      id: "d9a427e6-3d1c-462f-ac31-ba067a00c4f9",
      parentId: before.id,
      sleds: [sled],
    };
    const text = renderDiffText(diffBlueprints(before, after));
    const expected = stripUnmodelled(lines.slice(0, end));
    expect(normalise(text)).toBe(expected);
  });
});

describe("renderDiffText sled sections", () => {
  it("shows a decommissioned sled under MODIFIED SLEDS with every change", () => {
    const result = applyEdits(briefParent, [{ kind: "expunge-sled", sledId: SLED_ID }], {
      blueprintId: "child",
    });
    const text = renderDiffText(diffBlueprints(briefParent, mustApply(result)));
    expect(text.split("\n").map((line) => line.trimEnd())).toMatchInlineSnapshot(`
      [
        "from: blueprint dbcbd3d6-41ff-48ae-ac0b-1becc9b2fd21",
        "to:   blueprint child",
        "",
        " MODIFIED SLEDS:",
        "",
        "  sled d81c6a84-79b8-4958-ae41-ea46c9b19763 (active -> decommissioned, config generation 2 -> 3):",
        "",
        "    physical disks:",
        "    ---------------------------------------------------------------------------------------",
        "    vendor        model        serial                                        disposition",
        "    ---------------------------------------------------------------------------------------",
        "*   fake-vendor   fake-model   serial-30c16fe4-4229-49d0-ab01-3138f2c7dff2   - in service",
        "     └─                                                                      + expunged ✓",
        "",
        "",
        "    datasets:",
        "    -----------------------------------------------------------------------------------------------------------------------------------------------------------------------------------------------",
        "    dataset name                                                                                            dataset id                             disposition    quota   reservation   compression",
        "    -----------------------------------------------------------------------------------------------------------------------------------------------------------------------------------------------",
        "*   oxp_30c16fe4-4229-49d0-ab01-3138f2c7dff2/crucible                                                       3c2cb304-a466-4ab5-8597-5db8172e2388   - in service   none    none          off",
        "     └─                                                                                                                                            + expunged",
        "*   oxp_30c16fe4-4229-49d0-ab01-3138f2c7dff2/crypt/zone                                                     252ac39f-b9e2-4697-8c07-3a833115d704   - in service   none    none          off",
        "     └─                                                                                                                                            + expunged",
        "*   oxp_30c16fe4-4229-49d0-ab01-3138f2c7dff2/crypt/zone/oxz_crucible_694bd14f-cb24-4be4-bb19-876e79cda2c8   543fc3b8-08eb-4e5e-9e05-cf7a91732d5d   - in service   none    none          off",
        "     └─                                                                                                                                            + expunged",
        "",
        "",
        "    omicron zones:",
        "    -----------------------------------------------------------------------------------------------------------",
        "    zone type   zone id                                image source      disposition      underlay IP",
        "    -----------------------------------------------------------------------------------------------------------",
        "*   crucible    694bd14f-cb24-4be4-bb19-876e79cda2c8   install dataset   - in service     fd00:1122:3344:103::8",
        "     └─                                                                  + expunged ✓",
        "",
        "",
        "",
      ]
    `);
  });

  it("shows a sled gone from the target under REMOVED SLEDS, every row marked -", () => {
    const text = renderDiffText(
      diffBlueprints(briefParent, { ...briefParent, id: "child", sleds: [] }),
    );
    const lines = text.split("\n");
    expect(lines[3]).toBe(" REMOVED SLEDS:");
    expect(lines[5]).toBe(`  sled ${SLED_ID} (was active, config generation 2):`);
    expect(
      lines.filter((line) => /^[-+*] {3}/.test(line)).every((line) => line.startsWith("-")),
    ).toBe(true);
    expect(lines.filter((line) => line.startsWith("-   "))).toHaveLength(5);
  });

  it("prints only the header when nothing changed", () => {
    expect(renderDiffText(diffBlueprints(briefParent, briefParent))).toBe(
      `from: blueprint ${briefParent.id}\nto:   blueprint ${briefParent.id}\n\n`,
    );
  });
});
