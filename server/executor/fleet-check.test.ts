import { expect, it } from "vitest";
import { singleDriverViolations } from "./fleet-check";

const t = (ms: number) => new Date(Date.UTC(2026, 0, 1) + ms);
const at = (executionId: string, runner: string, from: number, to: number | null) => ({
  executionId,
  runner,
  startedAt: t(from),
  finishedAt: to === null ? null : t(to),
});

it("accepts drivers one after another, and executions driven side by side", () => {
  expect(
    singleDriverViolations([
      at("e1", "a", 0, 10),
      at("e1", "a", 5, 20), // closed as abandoned by b at 20
      at("e1", "b", 20, 30),
      at("e2", "b", 0, 40), // another execution: no conflict with e1's drivers
    ]),
  ).toEqual([]);
});

it("finds two drivers of one execution at the same time, an open attempt counting as unending", () => {
  expect(singleDriverViolations([at("e1", "a", 0, 10), at("e1", "b", 5, 30)])).toHaveLength(1);
  expect(singleDriverViolations([at("e1", "a", 0, null), at("e1", "b", 50, 60)])).toHaveLength(1);
});
