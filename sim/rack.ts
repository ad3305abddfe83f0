/**
 * A simulated rack: one process hosting a sled agent per sled of a blueprint, each a real HTTP
 * server on its own loopback port, plus a separate admin server for fault injection. This is
 * the programmatic API; main.ts is the CLI around it.
 */
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Blueprint } from "../lib/blueprint/model";
import { startAdminServer, type AdminServer } from "./admin";
import { SimControl } from "./control";
import type { RefusalStatus } from "./errors";
import { FaultInjector } from "./fault-injector";
import { emptySledFile, initialSledFile } from "./initial";
import { readSledFile, writeSledFile, type SledFile } from "./ledger-store";
import type { AgentOptions } from "./agent-context";
import { SimulatedSledAgent } from "./sled-agent";
import { SledHost } from "./sled-host";
import type { SledAgentProfile } from "../lib/wire/types";
import { startSimulatedNexus, type SimNexusOptions, type SimulatedNexus } from "./nexus/nexus";

/** The rack's simulated Nexus (sim/nexus/): its blueprint, faults and sleds come from the rack. */
export type SimRackNexusOptions = Omit<
  SimNexusOptions,
  "blueprint" | "faults" | "sleds" | "hostname"
>;

export interface SimRackOptions {
  /** The rack's starting point: every sled not decommissioned gets an agent. */
  blueprint: Blueprint;
  /** One profile for all sleds, or one per sled id (default `reconciler`). */
  profile?: SledAgentProfile | Record<string, SledAgentProfile>;
  /** Per-sled overrides of `profile` (a mixed rack). */
  sledProfiles?: Record<string, SledAgentProfile>;
  /** Sled ids to host with nothing ledgered (sleds a target blueprint will add). */
  extraSleds?: string[];
  /** Sled i listens on basePort + i; 0 (default) picks free ports. */
  basePort?: number;
  hostname?: string;
  /** Ledger files; default: a temporary directory removed by `stop()`. */
  dataDir?: string;
  datasetDeletion?: "strict" | "ignore";
  reconcileMs?: number;
  refusalStatus?: RefusalStatus;
  /** Admin server port (0: a free one; null: no admin server). */
  adminPort?: number | null;
  seed?: number | string;
  /** Resolve only once every `reconciler` agent has finished its boot reconciliation (default true). */
  awaitReconciled?: boolean;
  /** Also start a simulated Nexus serving this rack's blueprints (default: none). */
  nexus?: SimRackNexusOptions;
  /**
   * In-process tests: called when a request reaches a sled, before it is served (the request
   * waits for it). E.g. to check what the console had recorded by the time its call arrived.
   */
  onArrival?: (arrival: { sledId: string; method: string; path: string }) => Promise<void> | void;
}

export interface SimSledInfo {
  id: string;
  address: string;
  url: string;
  profile: SledAgentProfile;
}

export interface SimulatedRack {
  sleds: SimSledInfo[];
  /** Base URL of the admin server, or null. */
  admin: string | null;
  dataDir: string;
  control: SimControl;
  /** The simulated Nexus, when the `nexus` option asked for one. */
  nexus: SimulatedNexus | null;
  stop(): Promise<void>;
}

export const DEFAULT_RECONCILE_MS = 1000;

export async function startSimulatedRack(opts: SimRackOptions): Promise<SimulatedRack> {
  const ownDir = opts.dataDir === undefined;
  const dataDir = opts.dataDir ?? (await mkdtemp(join(tmpdir(), "sim-rack-")));
  const hostname = opts.hostname ?? "127.0.0.1";
  const agentOpts: AgentOptions = {
    dataDir,
    rules: { datasetDeletion: opts.datasetDeletion ?? "strict" },
    reconcileMs: opts.reconcileMs ?? DEFAULT_RECONCILE_MS,
    refusalStatus: opts.refusalStatus ?? 409,
  };
  const faults = new FaultInjector(opts.seed ?? 0);
  const hosts = makeHosts(opts, hostname, agentOpts, faults);
  const control = new SimControl(hosts, faults);
  let admin: AdminServer | null = null;
  let nexus: SimulatedNexus | null = null;
  try {
    const started = await Promise.allSettled(hosts.map((h) => h.start()));
    const failed = started.find((r): r is PromiseRejectedResult => r.status === "rejected");
    if (failed) throw failed.reason;
    if (opts.nexus) {
      const sleds = hosts.map((h) => ({
        id: h.id,
        url: `http://${h.address}`,
        profile: h.profile,
      }));
      nexus = await startSimulatedNexus({
        ...opts.nexus,
        blueprint: opts.blueprint,
        faults,
        sleds,
        hostname,
      });
      control.nexus = nexus.control;
    }
    if (opts.adminPort !== null)
      admin = await startAdminServer(control, hostname, opts.adminPort ?? 0);
    if (opts.awaitReconciled ?? true) await control.whenReconciled();
  } catch (e) {
    await Promise.all(hosts.map((h) => h.stop()));
    await admin?.close();
    await nexus?.stop();
    if (ownDir) await rm(dataDir, { recursive: true, force: true });
    throw e;
  }
  const stop = async () => {
    await admin?.close();
    await nexus?.stop();
    await Promise.all(hosts.map((h) => h.stop()));
    if (ownDir) await rm(dataDir, { recursive: true, force: true });
  };
  const sleds = hosts.map((h) => ({
    id: h.id,
    address: h.address,
    url: `http://${h.address}`,
    profile: h.profile,
  }));
  return { sleds, admin: admin?.url ?? null, dataDir, control, nexus, stop };
}

/** One host per sled, in sled-id order (sled i on basePort + i); nothing listens yet. */
function makeHosts(
  opts: SimRackOptions,
  hostname: string,
  agentOpts: AgentOptions,
  faults: FaultInjector,
): SledHost[] {
  return [...initialFiles(opts).values()].map((first, index) => {
    const id = first.sledId;
    const port = opts.basePort ? opts.basePort + index : 0;
    const host: SledHost = new SledHost(
      id,
      index,
      first.profile,
      hostname,
      port,
      faults,
      opts.onArrival,
      async () => {
        const file = await loadOrCreate(agentOpts.dataDir, first);
        return new SimulatedSledAgent(
          file,
          () => ({ sledId: id, index, address: host.address }),
          agentOpts,
        );
      },
    );
    return host;
  });
}

function profileOf(opts: SimRackOptions, sledId: string): SledAgentProfile {
  const own = opts.sledProfiles?.[sledId];
  if (own) return own;
  if (typeof opts.profile === "string") return opts.profile;
  return opts.profile?.[sledId] ?? "reconciler";
}

/** Ledgers for sleds starting fresh; throws (a startup error) when the blueprint cannot be served. */
function initialFiles(opts: SimRackOptions): Map<string, SledFile> {
  const out = new Map<string, SledFile>();
  const errors: string[] = [];
  for (const sled of opts.blueprint.sleds) {
    if (sled.state === "decommissioned") continue;
    const r = initialSledFile(sled, profileOf(opts, sled.id));
    if (r.ok) out.set(sled.id, r.file);
    else errors.push(r.message);
  }
  for (const id of opts.extraSleds ?? [])
    if (!out.has(id)) out.set(id, emptySledFile(id, profileOf(opts, id)));
  if (errors.length) throw new Error(`cannot start the simulated rack:\n${errors.join("\n")}`);
  return out;
}

/** A ledger already in the data dir wins over the blueprint, as on a real sled. */
async function loadOrCreate(dataDir: string, first: SledFile): Promise<SledFile> {
  const existing = await readSledFile(dataDir, first.sledId);
  if (existing.kind === "invalid") throw new Error(existing.message);
  if (existing.kind === "missing") {
    await writeSledFile(dataDir, first);
    return first;
  }
  if (existing.file.profile !== first.profile) {
    throw new Error(
      `sled ${first.sledId}: the data dir holds a ${existing.file.profile} ledger, not ${first.profile}; use another --data dir`,
    );
  }
  return existing.file;
}
