import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { EXECUTION_STATES, STEP_STATES } from "~/lib/execution/state-machine";
import { POLICY_LEVELS } from "~/lib/policy/policies";
import { SLED_HEALTHS } from "~/lib/rack/health";
import { CHANGE_KINDS as GRAPH_CHANGE_KINDS } from "../diff-graph/graph-filters";
import {
  CHANGE_KINDS,
  MARKERS,
  TONES,
  TONE_DOMAINS,
  TONE_MEANING,
  TONE_TOKENS,
  badgeClass,
} from "./tones";

/** Each domain's values as the rest of the code base enumerates them: a state added there and
 *  not here makes this test fail. */
const SOURCES: Record<keyof typeof TONE_DOMAINS, readonly string[]> = {
  execution: EXECUTION_STATES,
  step: STEP_STATES,
  change: CHANGE_KINDS,
  policy: POLICY_LEVELS,
  health: SLED_HEALTHS,
  marker: MARKERS,
};

const designSystemCss = readFileSync(
  fileURLToPath(
    new URL("../../node_modules/@oxide/design-system/styles/main.css", import.meta.url),
  ),
  "utf8",
);

describe("one meaning, one colour", () => {
  it.each(Object.keys(SOURCES) as (keyof typeof SOURCES)[])(
    "every %s value has exactly one tone, and nothing else does",
    (domain) => {
      const mapping: Record<string, string> = TONE_DOMAINS[domain];
      expect(Object.keys(mapping).sort()).toEqual([...SOURCES[domain]].sort());
      for (const value of SOURCES[domain]) expect(TONES).toContain(mapping[value]);
    },
  );

  it("knows every change kind the diff graph shows", () => {
    for (const kind of GRAPH_CHANGE_KINDS) expect(CHANGE_KINDS).toContain(kind);
  });

  it("gives every tone a meaning and colour tokens, and no token to two tones", () => {
    expect(Object.keys(TONE_MEANING).sort()).toEqual([...TONES].sort());
    expect(Object.keys(TONE_TOKENS).sort()).toEqual([...TONES].sort());
    for (const part of ["text", "bg", "border"] as const) {
      const tokens = TONES.map((t) => TONE_TOKENS[t][part]);
      expect(new Set(tokens).size, `${part} tokens shared between tones`).toBe(tokens.length);
    }
  });

  it("uses only tokens Oxide's design system defines", () => {
    const namespace = { text: "text-color", bg: "background-color", border: "border-color" };
    for (const tone of TONES) {
      for (const part of ["text", "bg", "border"] as const) {
        const name = TONE_TOKENS[tone][part].replace(/^(text|bg|border)-/, "");
        expect(designSystemCss, `${tone} ${part}`).toContain(`--${namespace[part]}-${name}:`);
      }
    }
  });

  it("gives a word the same colour in every domain that uses it", () => {
    const toneByWord = new Map<string, { tone: string; domain: string }>();
    for (const [domain, mapping] of Object.entries(TONE_DOMAINS)) {
      for (const [word, tone] of Object.entries(mapping as Record<string, string>)) {
        const seen = toneByWord.get(word);
        if (seen) expect(tone, `"${word}" in ${domain} and ${seen.domain}`).toBe(seen.tone);
        else toneByWord.set(word, { tone, domain });
      }
    }
    // The shared words are there to be checked: a rename would make this test vacuous.
    expect(toneByWord.has("running") && toneByWord.has("failed")).toBe(true);
  });

  it("shows expunged (and removed) as destructive, never as added", () => {
    expect(TONE_DOMAINS.change.expunged).toBe("destructive");
    expect(TONE_DOMAINS.change.removed).toBe("destructive");
    expect(TONE_DOMAINS.change.added).not.toBe("destructive");
    expect(badgeClass(TONE_DOMAINS.change.expunged)).toContain("text-destructive");
  });
});
