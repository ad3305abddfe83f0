/**
 * Reading an execution's events by increasing id misses one whose transaction took its id
 * before another's but committed after the reader had passed it (bigserial ids are handed out
 * at insert, rows become visible at commit). The feed therefore reads again, for a while, above
 * the cursor as it was a moment ago, skipping the ids it already delivered. Recording
 * statements commit within milliseconds; LATE_COMMIT_MS is a generous bound.
 */
export const LATE_COMMIT_MS = 5_000;

export class EventWindow {
  private recent: { id: bigint; at: number; before: bigint }[] = [];
  private cursor: bigint;

  constructor(
    after: bigint,
    private readonly lookbackMs = LATE_COMMIT_MS,
  ) {
    this.cursor = after;
  }

  /** The highest id delivered (or the starting point): where a reconnect resumes. */
  get last(): bigint {
    return this.cursor;
  }

  /** What to read at `now`: ids above `above`, except those already delivered. */
  read(now: number): { above: bigint; except: bigint[] } {
    this.recent = this.recent.filter((r) => now - r.at <= this.lookbackMs);
    return { above: this.recent[0]?.before ?? this.cursor, except: this.recent.map((r) => r.id) };
  }

  delivered(id: bigint, now: number): void {
    this.recent.push({ id, at: now, before: this.cursor });
    if (id > this.cursor) this.cursor = id;
  }
}
