/**
 * Typed client for one sled agent, both API profiles (docs/ARCHITECTURE.md, "Sled-agent API profiles"):
 *   split       PUT/GET /omicron-physical-disks, PUT/GET /datasets, PUT /omicron-zones, GET /inventory
 *   reconciler  PUT /omicron-config (204 once ledgered), GET /inventory (v48)
 * Every method resolves to a `CallResult` (status, parsed body, timings) or a classified
 * failure (see http-call.ts); expected failures never throw.
 */
import http from "node:http";
import type {
  DatasetsConfigBody,
  DisksConfigBody,
  Endpoint,
  SledAgentProfile,
  SledConfigBody,
  ZonesConfigBody,
} from "~/lib/wire/types";
import { ENDPOINT_PATH } from "~/lib/wire/types";
import { callSledAgent, type CallResult } from "./http-call";
import type {
  DatasetsManagementResult,
  DisksManagementResult,
  ReconcilerInventory,
  SplitInventory,
} from "~/lib/wire/agent-responses";

export type { CallFailure, CallResult, CallTimings } from "./http-call";

export const DEFAULT_CALL_TIMEOUT_MS = 10_000;

export interface SledAgentClientOptions {
  /** e.g. `http://127.0.0.1:12200` */
  baseUrl: string;
  timeoutMs?: number;
  /** Keep-alive sockets shared by the calls to this agent (default: one agent per client). */
  agent?: http.Agent;
}

export interface PerCall {
  timeoutMs?: number;
  signal?: AbortSignal;
}

export class SledAgentClient {
  readonly baseUrl: string;
  private readonly timeoutMs: number;
  private readonly agent: http.Agent;
  private readonly ownsAgent: boolean;

  constructor(opts: SledAgentClientOptions) {
    this.baseUrl = opts.baseUrl.replace(/\/+$/, "");
    this.timeoutMs = opts.timeoutMs ?? DEFAULT_CALL_TIMEOUT_MS;
    this.ownsAgent = opts.agent === undefined;
    this.agent = opts.agent ?? new http.Agent({ keepAlive: true, maxSockets: 16 });
  }

  private call<T>(
    method: "GET" | "PUT",
    path: string,
    body: unknown,
    per: PerCall = {},
  ): Promise<CallResult<T>> {
    return callSledAgent<T>(method, `${this.baseUrl}${path}`, body, {
      timeoutMs: per.timeoutMs ?? this.timeoutMs,
      agent: this.agent,
      signal: per.signal,
    });
  }

  // split (January 2025)
  putDisks(body: DisksConfigBody, per?: PerCall) {
    return this.call<DisksManagementResult>("PUT", ENDPOINT_PATH.disks, body, per);
  }
  getDisks(per?: PerCall) {
    return this.call<DisksConfigBody>("GET", ENDPOINT_PATH.disks, undefined, per);
  }
  putDatasets(body: DatasetsConfigBody, per?: PerCall) {
    return this.call<DatasetsManagementResult>("PUT", ENDPOINT_PATH.datasets, body, per);
  }
  getDatasets(per?: PerCall) {
    return this.call<DatasetsConfigBody>("GET", ENDPOINT_PATH.datasets, undefined, per);
  }
  /** 204: the body is undefined. */
  putZones(body: ZonesConfigBody, per?: PerCall) {
    return this.call<undefined>("PUT", ENDPOINT_PATH.zones, body, per);
  }
  getSplitInventory(per?: PerCall) {
    return this.call<SplitInventory>("GET", "/inventory", undefined, per);
  }

  // reconciler (omicron #8064 onwards)
  /** 204 once ledgered; the agent applies it afterwards (watch `getInventory`). */
  putConfig(body: SledConfigBody, per?: PerCall) {
    return this.call<undefined>("PUT", ENDPOINT_PATH.config, body, per);
  }
  getReconcilerInventory(per?: PerCall) {
    return this.call<ReconcilerInventory>("GET", "/inventory", undefined, per);
  }

  /** A plan step's request (`PlanStep.endpoint` + `body`), whatever its endpoint. */
  send(endpoint: Endpoint, body: unknown, per?: PerCall): Promise<CallResult<unknown>> {
    return this.call<unknown>("PUT", ENDPOINT_PATH[endpoint], body, per);
  }

  getInventory(
    profile: SledAgentProfile,
    per?: PerCall,
  ): Promise<CallResult<SplitInventory | ReconcilerInventory>> {
    return profile === "split" ? this.getSplitInventory(per) : this.getReconcilerInventory(per);
  }

  /** Closes the keep-alive sockets (only when the client created its own agent). */
  close(): void {
    if (this.ownsAgent) this.agent.destroy();
  }
}

export function createSledAgentClient(opts: SledAgentClientOptions): SledAgentClient {
  return new SledAgentClient(opts);
}
