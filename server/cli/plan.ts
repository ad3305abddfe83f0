/**
 * `npm run --silent plan -- --parent P.json --target T.json [--profile split|reconciler]
 *  [--order safe|phased] [--json]`
 * Prints the plan for going from P to T. Exit 0 when a plan was computed (hazards or not);
 * 2 with a one-line error on stderr for unreadable or invalid input.
 */
import { readFileSync } from "node:fs";
import { parseArgs } from "node:util";
import { parseBlueprint } from "~/lib/blueprint/import";
import type { Blueprint } from "~/lib/blueprint/model";
import { DEFAULT_ESTIMATE, estimatePlan } from "~/lib/plan/estimate";
import { makePlan } from "~/lib/plan/make-plan";
import { findHazards } from "~/lib/plan/replay";
import type { PlanOrder } from "~/lib/plan/types";
import type { SledAgentProfile } from "~/lib/wire/types";
import { planHash } from "../plan/plan-hash";
import { renderPlanTable } from "./plan-table";

class UsageError extends Error {}

function readBlueprint(file: string | undefined, flag: string): Blueprint {
  if (!file) throw new UsageError(`${flag} FILE is required`);
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch (e) {
    throw new UsageError(
      `cannot read ${flag} ${file}: ${(e as NodeJS.ErrnoException).code ?? String(e)}`,
    );
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    throw new UsageError(`${file} is not JSON: ${(e as Error).message}`);
  }
  const parsed = parseBlueprint(json);
  if (!parsed.ok) {
    const first = parsed.errors[0];
    const more = parsed.errors.length > 1 ? ` (and ${parsed.errors.length - 1} more)` : "";
    throw new UsageError(
      `${file} is not a valid blueprint: ${first ? `${first.path || "(root)"}: ${first.message}` : "unknown error"}${more}`,
    );
  }
  return parsed.blueprint;
}

function oneOf<T extends string>(
  value: string | undefined,
  allowed: readonly T[],
  flag: string,
  fallback: T,
): T {
  if (value === undefined) return fallback;
  if ((allowed as readonly string[]).includes(value)) return value as T;
  throw new UsageError(`${flag} must be one of ${allowed.join(", ")} (got ${value})`);
}

export function runPlanCli(argv: string[]): { code: number; stdout: string; stderr: string } {
  try {
    const { values } = parseArgs({
      args: argv,
      options: {
        parent: { type: "string" },
        target: { type: "string" },
        profile: { type: "string" },
        order: { type: "string" },
        json: { type: "boolean", default: false },
      },
      strict: true,
    });
    const profile = oneOf<SledAgentProfile>(
      values.profile,
      ["split", "reconciler"],
      "--profile",
      "reconciler",
    );
    const order = oneOf<PlanOrder>(values.order, ["safe", "phased"], "--order", "safe");
    const parent = readBlueprint(values.parent, "--parent");
    const target = readBlueprint(values.target, "--target");
    const plan = makePlan(parent, target, { profile, order });
    const hazards = findHazards(plan, parent, target);
    const estimate = estimatePlan(plan, DEFAULT_ESTIMATE);
    const hash = planHash(plan);
    if (!values.json)
      return { code: 0, stdout: renderPlanTable(plan, hazards, estimate, hash), stderr: "" };
    const out = {
      profile,
      order,
      planHash: hash,
      steps: plan.steps.map((s) =>
        s.kind === "decommission" || s.kind === "nexus"
          ? { id: s.id, sledId: s.sledId, kind: s.kind, dependsOn: s.dependsOn }
          : {
              id: s.id,
              sledId: s.sledId,
              method: s.method,
              path: s.path,
              body: s.body,
              dependsOn: s.dependsOn,
            },
      ),
      hazards: hazards.map((h) => ({ stepId: h.stepId, message: h.message })),
      estimate,
    };
    return { code: 0, stdout: `${JSON.stringify(out, null, 2)}\n`, stderr: "" };
  } catch (e) {
    const message =
      e instanceof UsageError || (e as { code?: string }).code?.startsWith("ERR_PARSE_ARGS")
        ? (e as Error).message
        : `unexpected error: ${String(e)}`;
    return { code: 2, stdout: "", stderr: `plan: ${message.split("\n")[0]}\n` };
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const r = runPlanCli(process.argv.slice(2));
  process.stdout.write(r.stdout);
  process.stderr.write(r.stderr);
  process.exitCode = r.code;
}
