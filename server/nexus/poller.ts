/**
 * In every console process: poll each linked rack's Nexus instances every `NEXUS_POLL_MS`
 * (5 s). A per-rack lease row (NexusLink.leaseOwner/leaseExpiresAt, taken with a conditional
 * update like the executor's) makes one process poll a rack at a time; the holder keeps it
 * by polling, and another process takes over once it lapses (a killed console). The rows a
 * round writes are idempotent, so a takeover in the middle of a round loses and duplicates
 * nothing.
 */
import { randomUUID } from "node:crypto";
import { hostname } from "node:os";
import {
  claimNexusLease,
  listNexusInstances,
  racksToPoll,
  releaseNexusLease,
} from "../repo/nexus.ts";
import { NexusClient } from "./client.ts";
import { pollRack, type RoundResult } from "./poll-rack.ts";

export interface NexusPollerOptions {
  owner: string;
  /** Default `NEXUS_POLL_MS` or 5000. */
  pollMs?: number;
  /** Per-call timeout (default `NEXUS_CALL_TIMEOUT_MS` or 4000: below the poll interval). */
  timeoutMs?: number;
  /** Lease lifetime (default three poll intervals, at least 15 s). */
  leaseTtlMs?: number;
  /** Only these racks (tests). */
  rackIds?: string[];
  onRound?: (rackId: string, r: RoundResult) => void;
}

export interface NexusPoller {
  owner: string;
  /** Poll now instead of at the next tick; resolves when the round is done. */
  pollNow(): Promise<void>;
  stop(): Promise<void>;
}

const envMs = (name: string, fallback: number): number => {
  const n = Number(process.env[name]);
  return Number.isFinite(n) && n > 0 ? n : fallback;
};

export function startNexusPoller(opts: NexusPollerOptions): NexusPoller {
  const pollMs = opts.pollMs ?? envMs("NEXUS_POLL_MS", 5_000);
  const timeoutMs = opts.timeoutMs ?? envMs("NEXUS_CALL_TIMEOUT_MS", Math.min(4_000, pollMs * 2));
  const ttlMs = opts.leaseTtlMs ?? Math.max(15_000, pollMs * 3);
  const clients = new Map<string, NexusClient>();
  const held = new Set<string>();
  const connect = (rackId: string) => clientsOf(rackId, clients, timeoutMs);
  const tick = () =>
    pollRacks(opts, (rackId) => pollUnderLease(rackId, opts, ttlMs, held, connect));
  let stopped = false;
  let chain: Promise<void> = Promise.resolve();
  let pending = 0;
  // Rounds run one after another; the timer adds none while one waits (slow instances).
  const pollNow = () => {
    if (stopped) return chain;
    pending++;
    chain = chain.then(tick).finally(() => void pending--);
    return chain;
  };
  const timer = setInterval(() => void (pending === 0 && pollNow()), pollMs);
  void pollNow();
  return {
    owner: opts.owner,
    pollNow,
    stop: async () => {
      stopped = true;
      clearInterval(timer);
      await chain;
      await Promise.all([...held].map((id) => releaseNexusLease(id, opts.owner)));
      for (const c of clients.values()) c.close();
    },
  };
}

/** A client per instance URL of the rack, reused across rounds (`cache`, by URL). */
async function clientsOf(
  rackId: string,
  cache: Map<string, NexusClient>,
  timeoutMs: number,
): Promise<Map<string, NexusClient>> {
  const out = new Map<string, NexusClient>();
  for (const i of await listNexusInstances(rackId)) {
    let c = cache.get(i.url);
    if (!c) cache.set(i.url, (c = new NexusClient({ baseUrl: i.url, timeoutMs })));
    out.set(i.url, c);
  }
  return out;
}

/** One round on the rack if this process holds (or takes) its lease; `held` tracks which do. */
async function pollUnderLease(
  rackId: string,
  opts: NexusPollerOptions,
  ttlMs: number,
  held: Set<string>,
  connect: (rackId: string) => Promise<Map<string, NexusClient>>,
): Promise<void> {
  if (!(await claimNexusLease(rackId, opts.owner, ttlMs))) return void held.delete(rackId);
  held.add(rackId);
  // A first round on a long history can outlast the lease: renew it while the round runs.
  const renew = setInterval(
    () => void claimNexusLease(rackId, opts.owner, ttlMs).catch(() => {}),
    ttlMs / 3,
  );
  try {
    const result = await pollRack(rackId, await connect(rackId));
    opts.onRound?.(rackId, result);
  } finally {
    clearInterval(renew);
  }
}

/** Polls every rack due (concurrently); a failure is logged, and the next tick tries again. */
async function pollRacks(
  opts: NexusPollerOptions,
  pollOne: (rackId: string) => Promise<void>,
): Promise<void> {
  try {
    const racks = (await racksToPoll(opts.owner)).filter(
      (id) => !opts.rackIds || opts.rackIds.includes(id),
    );
    await Promise.all(
      racks.map((id) =>
        pollOne(id).catch((e: unknown) =>
          console.error(`[nexus] rack ${id}:`, e instanceof Error ? e.message : e),
        ),
      ),
    );
  } catch (e) {
    console.error("[nexus] poll failed:", e instanceof Error ? e.message : e);
  }
}

export function newPollerId(): string {
  return `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;
}
