/**
 * Proof from the attempt records that an execution had one driver at a time: for each
 * execution, the span of each runner's attempts (first start to last end) overlaps no other
 * runner's span. A runner's open attempts are closed (`abandoned`) by its successor before the
 * successor sends anything, so a takeover leaves the spans one after another. Used by the
 * fleet test and the fleet benchmark.
 */
export interface AttemptSpan {
  executionId: string;
  runner: string;
  startedAt: Date;
  finishedAt: Date | null;
}

/** Overlapping driver spans, as "execution: runner A [..] overlaps runner B [..]". */
export function singleDriverViolations(attempts: AttemptSpan[]): string[] {
  const spans = new Map<string, Map<string, { from: number; to: number }>>();
  for (const a of attempts) {
    const byRunner = spans.get(a.executionId) ?? new Map<string, { from: number; to: number }>();
    spans.set(a.executionId, byRunner);
    const from = a.startedAt.getTime();
    const to = (a.finishedAt ?? new Date(8.64e15)).getTime();
    const s = byRunner.get(a.runner);
    byRunner.set(
      a.runner,
      s ? { from: Math.min(s.from, from), to: Math.max(s.to, to) } : { from, to },
    );
  }
  const out: string[] = [];
  for (const [id, byRunner] of spans) {
    const list = [...byRunner].sort((x, y) => x[1].from - y[1].from);
    for (let i = 1; i < list.length; i++) {
      const [prev, p] = list[i - 1]!;
      const [cur, c] = list[i]!;
      if (c.from < p.to)
        out.push(
          `${id}: ${cur} from ${new Date(c.from).toISOString()} overlaps ${prev} until ${new Date(p.to).toISOString()}`,
        );
    }
  }
  return out;
}
