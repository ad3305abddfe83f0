/**
 * Start a simulated rack for one test, with a client per sled; free ports and a temporary
 * data dir, so test files run in parallel.
 */
import { SledAgentClient } from "~/server/sled-agent/client";
import { startSimulatedRack, type SimRackOptions, type SimulatedRack } from "../rack";

export interface TestRack {
  rack: SimulatedRack;
  /** Client for the i-th sled (by sled id order). */
  client(i?: number): SledAgentClient;
  sledId(i?: number): string;
  stop(): Promise<void>;
}

export async function startTestRack(opts: SimRackOptions): Promise<TestRack> {
  const rack = await startSimulatedRack({ reconcileMs: 60, ...opts });
  const clients = rack.sleds.map((s) => new SledAgentClient({ baseUrl: s.url, timeoutMs: 5000 }));
  const at = <T>(xs: T[], i: number): T => {
    const x = xs[i];
    if (x === undefined) throw new Error(`no sled ${i} in the test rack`);
    return x;
  };
  return {
    rack,
    client: (i = 0) => at(clients, i),
    sledId: (i = 0) => at(rack.sleds, i).id,
    stop: async () => {
      for (const c of clients) c.close();
      await rack.stop();
    },
  };
}

/** Unwraps a successful call or fails the test with the failure. */
export function okBody<T>(
  r: { ok: true; body: T } | { ok: false; failure: { message: string } },
): T {
  if (!r.ok) throw new Error(`expected success, got ${r.failure.message}`);
  return r.body;
}
