/**
 * What a simulated sled was asked, for tests and the admin API (e.g. "no request reached the
 * sled", "the executor re-sent generation 5 twice").
 */
import type { BodyResult } from "./http-util";

export interface RequestRecord {
  at: string;
  method: string;
  path: string;
  /** null: not answered (hung, or the agent crashed meanwhile). */
  status: number | null;
  durationMs: number;
  generation?: number;
  fault?: string;
}

const REQUEST_LOG_LIMIT = 1000;

/** The last 1,000 requests, oldest first. */
export class RequestLog {
  private readonly records: RequestRecord[] = [];

  add(r: RequestRecord): void {
    if (r.fault === undefined) delete r.fault;
    if (r.generation === undefined) delete r.generation;
    this.records.push(r);
    if (this.records.length > REQUEST_LOG_LIMIT) this.records.shift();
  }

  list(): RequestRecord[] {
    return [...this.records];
  }
}

/** The `generation` of a config body, if it has one. */
export function generationOf(body: BodyResult): number | undefined {
  if (!body.ok || typeof body.value !== "object" || body.value === null) return undefined;
  const g = (body.value as { generation?: unknown }).generation; // any JSON object; checked below
  return typeof g === "number" ? g : undefined;
}
