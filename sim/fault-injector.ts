/**
 * Per-request faults for the simulated sled agents: added latency (fixed or a random range),
 * an error rate with a status, hanging (never answering, always or at a rate), and failing the
 * next N requests.
 * Connection-level faults (refusing connections, crash and restart) act on a sled's server and
 * live in sled-host.ts. Faults are set per sled or for `all`; a sled's own fields override
 * those of `all`. Randomness comes from a seeded stream per sled (prng.ts), so a test that
 * sends the same requests sees the same faults.
 */
import { z } from "zod";
import { randomStream, type Random } from "./prng";

const status = z.int().min(400).max(599);

export const faultSpecSchema = z.strictObject({
  /** Added to every matching request, fixed or drawn uniformly from [min, max]. */
  latencyMs: z
    .union([z.number().min(0), z.strictObject({ min: z.number().min(0), max: z.number().min(0) })])
    .optional(),
  /** Each matching request fails with `status` with probability `rate`. */
  errorRate: z
    .strictObject({ rate: z.number().min(0).max(1), status: status.default(503) })
    .optional(),
  /** Matching requests are never answered (until the client gives up or faults are cleared). */
  hang: z.boolean().optional(),
  /** Each matching request hangs (as `hang`) with this probability. */
  hangRate: z.number().min(0).max(1).optional(),
  /** The next `count` matching requests fail with `status` (for `all`: across all sleds). */
  failNext: z.strictObject({ count: z.int().min(0), status: status.default(503) }).optional(),
  /** Restrict this spec to one method and/or one path (e.g. only `PUT /omicron-config`). */
  method: z.enum(["GET", "PUT", "POST", "DELETE"]).optional(),
  path: z.string().startsWith("/").optional(),
});

export type FaultSpec = z.infer<typeof faultSpecSchema>;

export type FaultDecision =
  | { delayMs: number; action: "pass" }
  | { delayMs: number; action: "hang" }
  | { delayMs: number; action: "error"; status: number; reason: string };

export const ALL = "all";

export class FaultInjector {
  private readonly specs = new Map<string, FaultSpec>();
  private readonly streams = new Map<string, Random>();

  constructor(private readonly seed: number | string) {}

  /** Merges `spec` into the faults of `target` (a sled id or `all`). */
  update(target: string, spec: FaultSpec): void {
    this.specs.set(target, { ...this.specs.get(target), ...spec });
  }

  replace(target: string, spec: FaultSpec): void {
    this.specs.set(target, { ...spec });
  }

  /** Clears the faults of one target, or all of them. */
  clear(target?: string): void {
    if (target === undefined) this.specs.clear();
    else this.specs.delete(target);
  }

  snapshot(): Record<string, FaultSpec> {
    return Object.fromEntries([...this.specs].map(([k, v]) => [k, structuredClone(v)]));
  }

  decide(sledId: string, method: string, path: string): FaultDecision {
    const matching = [ALL, sledId]
      .map((t) => this.specs.get(t))
      .filter(
        (s): s is FaultSpec =>
          s !== undefined && (!s.method || s.method === method) && (!s.path || s.path === path),
      );
    if (matching.length === 0) return { delayMs: 0, action: "pass" };
    const rand = this.stream(sledId);
    const pick = <K extends keyof FaultSpec>(k: K): FaultSpec | undefined =>
      [...matching].reverse().find((s) => s[k] !== undefined);
    const latency = pick("latencyMs")?.latencyMs;
    const delayMs =
      latency === undefined
        ? 0
        : typeof latency === "number"
          ? latency
          : latency.min + rand() * Math.max(0, latency.max - latency.min);
    if (pick("hang")?.hang) return { delayMs, action: "hang" };
    const hangRate = pick("hangRate")?.hangRate;
    if (hangRate && rand() < hangRate) return { delayMs, action: "hang" };
    const next = pick("failNext")?.failNext;
    if (next && next.count > 0) {
      next.count -= 1; // shared by every sled when set on `all`
      return {
        delayMs,
        action: "error",
        status: next.status,
        reason: `fail-next (${next.count} left)`,
      };
    }
    const rate = pick("errorRate")?.errorRate;
    if (rate && rand() < rate.rate)
      return { delayMs, action: "error", status: rate.status, reason: `error rate ${rate.rate}` };
    return { delayMs, action: "pass" };
  }

  private stream(sledId: string): Random {
    let s = this.streams.get(sledId);
    if (!s) this.streams.set(sledId, (s = randomStream(this.seed, sledId)));
    return s;
  }
}
