/**
 * What a request handler of either profile may use of its sled agent. The handlers
 * (split-api.ts, reconciler.ts) depend on this interface, and sled-agent.ts implements it
 * and dispatches to them, so the modules import one way: sled-agent → handlers → this file.
 */
import type { ReconcileResult } from "../lib/sled/reconcile";
import type { SledAgentState } from "../lib/sled/state";
import type { SledRulesOptions, Violation } from "../lib/sled/violations";
import type { ReconcilerStatus } from "../lib/wire/agent-responses";
import type { SledConfigBody, WireDisk } from "../lib/wire/types";
import type { RefusalStatus } from "./errors";
import type { SledIdentity } from "./hardware";
import type { Reply } from "./http-util";
import type { SledFile } from "./ledger-store";

export interface AgentOptions {
  dataDir: string;
  rules: SledRulesOptions;
  /** Total duration of one reconciliation pass (its six phases share it evenly). */
  reconcileMs: number;
  refusalStatus: RefusalStatus;
}

/** The config reconciler as the `reconciler` profile's handlers see it. */
export interface ReconcilerHandle {
  wake(): void;
  statusJson(): ReconcilerStatus;
  lastReconciliation(): { config: SledConfigBody; result: ReconcileResult } | null;
}

export interface AgentContext {
  readonly identity: () => SledIdentity;
  readonly opts: AgentOptions;
  readonly state: SledAgentState;
  readonly config: SledConfigBody | null;
  readonly hardware: WireDisk[];
  readonly signal: AbortSignal;
  readonly disposed: boolean;
  readonly reconciler: ReconcilerHandle | null;
  /** Runs `fn` with no other request or reconciler phase in between. */
  exclusive<T>(fn: () => Promise<T>): Promise<T>;
  /** Ledger first, then memory. False when the agent crashed meanwhile (nothing changes). */
  commit(next: Partial<Pick<SledFile, "state" | "config" | "hardware">>): Promise<boolean>;
  reject(violations: readonly Violation[], requestId: string): Reply;
  hardwareWith(disks: readonly WireDisk[]): WireDisk[];
}

export type Handler = (agent: AgentContext, body: unknown, requestId: string) => Promise<Reply>;
export type Routes = Readonly<Record<string, Partial<Record<"GET" | "PUT", Handler>>>>;
