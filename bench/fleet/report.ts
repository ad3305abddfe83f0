/** The fleet section of docs/BENCHMARKS.md, and its targets. */
import { fmtMs, fmtX, table } from "../lib/markdown.ts";
import { median } from "../lib/stats.ts";
import type { TargetResult } from "../lib/target.ts";
import { BATCH_TARGET, slowestSingle, type BatchRun, type FleetResult } from "./part.ts";

const allSucceeded = (b: BatchRun) => (b.states.succeeded ?? 0) === b.executions;
const clean = (b: BatchRun) =>
  allSucceeded(b) && b.singleDriverViolations.length === 0 && b.stepProblems.length === 0;
const size = (r: FleetResult) =>
  `${r.config.racks} racks × ${r.config.sleds} sleds, ${r.config.processes} processes`;

export function fleetTargets(r: FleetResult): TargetResult[] {
  const slowest = slowestSingle(r);
  const ratio = r.batch.makespanMs / slowest;
  const k = r.killed.kill;
  const takeover = k ? Math.max(...k.takeoverMs) : NaN;
  const bound = r.config.leaseTtlMs + r.config.pollMs;
  return [
    {
      target: `${size(r)}: every execution succeeds, one driver at a time (attempt records), every step done once`,
      met: clean(r.batch) && clean(r.killed),
      detail: `batch: ${JSON.stringify(r.batch.states)}, ${r.batch.singleDriverViolations.length} overlapping drivers, ${r.batch.stepProblems.length} steps not done exactly once, executions per process ${r.batch.perProcess.join(" / ")}; with a process killed: ${JSON.stringify(r.killed.states)}, ${r.killed.singleDriverViolations.length} overlaps, ${r.killed.stepProblems.length} step problems`,
    },
    {
      target: `${size(r)}: the batch within ${BATCH_TARGET}× the slowest single execution`,
      met: ratio <= BATCH_TARGET,
      detail: `${fmtMs(r.batch.makespanMs)} vs slowest single ${fmtMs(slowest)} = ${fmtX(ratio)} (singles ${r.singles.map(fmtMs).join(", ")})`,
    },
    {
      target: `SIGKILL one process mid-way: its executions taken over within the lease time (${fmtMs(r.config.leaseTtlMs)} + one ${r.config.pollMs} ms poll), nothing lost or repeated`,
      met: k ? takeover <= bound && clean(r.killed) : null,
      detail: k
        ? `${k.victimExecutions} executions taken over ${fmtMs(Math.min(...k.takeoverMs))}–${fmtMs(takeover)} after the kill; ${k.abandoned} open attempts closed as abandoned and re-sent; batch ${fmtMs(r.killed.makespanMs)} (${fmtX(r.killed.makespanMs / slowest)} the slowest single)`
        : "not run",
    },
  ];
}

const cpuText = (c: BatchRun["cpuMs"] | undefined): string => {
  if (!c) return "–";
  // results written before proc-cpu.ts skipped a killed process counted it at −(its CPU so far)
  const consoles = c.consoles < 0 ? "– (a process was killed)" : fmtMs(c.consoles);
  const total =
    c.consoles < 0 ? `≥ ${fmtMs(c.sims + c.postgres)}` : fmtMs(c.consoles + c.sims + c.postgres);
  return `${total} (${consoles} / ${fmtMs(c.sims)} / ${fmtMs(c.postgres)})`;
};

function row(name: string, b: BatchRun, slowest: number): string[] {
  return [
    name,
    String(b.executions),
    String(b.steps),
    String(b.attempts),
    `**${fmtMs(b.makespanMs)}**`,
    fmtMs(median(b.perExecutionMs)),
    fmtX(b.makespanMs / slowest),
    b.perProcess.join(" / "),
    cpuText(b.cpuMs),
    String(b.singleDriverViolations.length),
    String(b.stepProblems.length),
    Object.entries(b.states)
      .map(([s, n]) => `${n} ${s}`)
      .join(", "),
    b.kill
      ? `killed at ${fmtMs(b.kill.atMs)}: ${b.kill.victimExecutions} executions taken over after ${b.kill.takeoverMs.map(fmtMs).join(", ")}; ${b.kill.abandoned} abandoned attempts re-sent`
      : "",
  ];
}

export function fleetSection(r: FleetResult): string {
  const c = r.config;
  const slowest = slowestSingle(r);
  return [
    `${c.racks} racks of ${c.sleds} sleds, a mixed change on every sled, \`${c.profile}\` agents, each rack's simulator its own process adding ${c.latencyMs} ms to every request; ${c.processes} console processes (\`server/executor/worker.ts\`, separate OS processes as on separate machines) on one PostgreSQL database, each driving at most ${c.maxExecutionsPerProcess} executions at once (\`EXECUTOR_MAX_EXECUTIONS\`: the survivors of one dead process can take all of its), lease ${fmtMs(c.leaseTtlMs)}, polling every ${c.pollMs} ms. _single_: one execution approved while the ${c.processes} processes run (three of them; the slowest is the baseline). _batch_: all ${c.racks} approved at once; _makespan_ from the first approval to the last execution's end. _overlaps_: executions whose attempt records show two processes' attempts interleaved (bench/fleet, server/executor/fleet-check.ts); _steps not once_: steps without exactly one successful attempt, with a gap in their attempt numbers or an attempt left open.`,
    "",
    table(
      [
        "run",
        "executions",
        "steps",
        "attempts",
        "makespan",
        "median execution",
        "÷ slowest single",
        "executions per process",
        "CPU: all (consoles / simulators / PostgreSQL)",
        "overlaps",
        "steps not once",
        "outcome",
        "kill",
      ],
      [
        ...r.singles.map((ms, i) => [
          `single ${i + 1}`,
          "1",
          "",
          "",
          `**${fmtMs(ms)}**`,
          fmtMs(ms),
          fmtX(ms / slowest),
          "",
          cpuText(r.singlesCpuMs?.[i]),
          "",
          "",
          "",
          "",
        ]),
        row("batch", r.batch, slowest),
        row("batch, one process SIGKILLed", r.killed, slowest),
      ],
      ["l", "r", "r", "r", "r", "r", "r", "l", "r", "r", "r", "l", "l"],
    ),
  ].join("\n");
}
