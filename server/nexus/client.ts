/**
 * The console's client of one Nexus instance's lockstep API (openapi/nexus-lockstep.json,
 * `/deployment/…`). Calls go through the sled-agent client's `callSledAgent`, so they have the
 * same per-call timeout and the same retryable/fatal classification (server/sled-agent/
 * http-call.ts): connection errors, timeouts, 5xx, 408 and 429 are retryable; other 4xx,
 * non-JSON answers and cancellations are not. Bodies come back unparsed: the poller reads them
 * through lib/nexus/read.ts, which knows the eras. The lockstep API has no authentication.
 */
import http from "node:http";
import type { BlueprintTargetSet } from "~/lib/nexus/schemas.ts";
import { callSledAgent, type CallResult } from "../sled-agent/http-call.ts";

export type { CallFailure, CallResult } from "../sled-agent/http-call.ts";

export const DEFAULT_NEXUS_TIMEOUT_MS = 10_000;

export interface NexusCallOptions {
  timeoutMs?: number;
  signal?: AbortSignal;
}

export class NexusClient {
  readonly baseUrl: string;
  private readonly timeoutMs: number;
  private readonly agent = new http.Agent({ keepAlive: true, maxSockets: 4 });

  constructor(opts: { baseUrl: string; timeoutMs?: number }) {
    this.baseUrl = opts.baseUrl.replace(/\/+$/, "");
    this.timeoutMs = opts.timeoutMs ?? DEFAULT_NEXUS_TIMEOUT_MS;
  }

  /** Any lockstep call (the executor records each one as an attempt: server/executor/nexus-steps.ts). */
  call(
    method: "GET" | "PUT" | "POST" | "DELETE",
    path: string,
    body: unknown,
    o: NexusCallOptions,
  ): Promise<CallResult<unknown>> {
    return callSledAgent<unknown>(method, `${this.baseUrl}${path}`, body, {
      timeoutMs: o.timeoutMs ?? this.timeoutMs,
      agent: this.agent,
      signal: o.signal,
    });
  }

  /** One page of `GET /deployment/blueprints/all` (`BlueprintMetadataResultsPage`). */
  listBlueprints(
    page: { pageToken?: string | null; limit?: number } = {},
    o: NexusCallOptions = {},
  ) {
    const q = new URLSearchParams();
    if (page.limit !== undefined) q.set("limit", String(page.limit));
    if (page.pageToken) q.set("page_token", page.pageToken);
    const qs = q.size > 0 ? `?${q.toString()}` : "";
    return this.call("GET", `/deployment/blueprints/all${qs}`, undefined, o);
  }

  getBlueprint(id: string, o: NexusCallOptions = {}) {
    return this.call("GET", `/deployment/blueprints/all/${encodeURIComponent(id)}`, undefined, o);
  }

  deleteBlueprint(id: string, o: NexusCallOptions = {}) {
    return this.call(
      "DELETE",
      `/deployment/blueprints/all/${encodeURIComponent(id)}`,
      undefined,
      o,
    );
  }

  getTarget(o: NexusCallOptions = {}) {
    return this.call("GET", "/deployment/blueprints/target", undefined, o);
  }

  /** Nexus refuses a target whose parent is not the current target. */
  setTarget(body: BlueprintTargetSet, o: NexusCallOptions = {}) {
    return this.call("POST", "/deployment/blueprints/target", body, o);
  }

  setTargetEnabled(body: BlueprintTargetSet, o: NexusCallOptions = {}) {
    return this.call("PUT", "/deployment/blueprints/target/enabled", body, o);
  }

  importBlueprint(blueprint: unknown, o: NexusCallOptions = {}) {
    return this.call("POST", "/deployment/blueprints/import", blueprint, o);
  }

  getReconfiguratorConfig(o: NexusCallOptions = {}) {
    return this.call("GET", "/deployment/reconfigurator-config", undefined, o);
  }

  getUpdateStatus(o: NexusCallOptions = {}) {
    return this.call("GET", "/deployment/update-status", undefined, o);
  }

  /** `GET /bgtasks/view/{name}` (`BackgroundTask`), e.g. `blueprint_planner`, `blueprint_executor`. */
  getBgTask(name: string, o: NexusCallOptions = {}) {
    return this.call("GET", `/bgtasks/view/${encodeURIComponent(name)}`, undefined, o);
  }

  /** `GET /bgtasks`: every background task by name. */
  listBgTasks(o: NexusCallOptions = {}) {
    return this.call("GET", "/bgtasks", undefined, o);
  }

  close(): void {
    this.agent.destroy();
  }
}
