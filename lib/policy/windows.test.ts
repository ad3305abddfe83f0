import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  WEEKDAYS,
  describeSchedule,
  parseWindowLine,
  scheduleProblems,
  wallClock,
  windowLine,
  windowStatus,
  zonedInstant,
  type WeeklyWindow,
  type WindowSchedule,
} from "./windows";

const LA = "America/Los_Angeles";
const at = (iso: string) => new Date(iso);
const tueThu: WindowSchedule = {
  timeZone: LA,
  windows: [{ days: ["Tue", "Thu"], start: "02:00", end: "05:00" }],
};

describe("windowStatus", () => {
  it("has no gate without a schedule", () => {
    expect(windowStatus(null, at("2026-12-08T00:00:00Z"))).toEqual({ kind: "always" });
    expect(windowStatus({ timeZone: LA, windows: [] }, at("2026-12-08T00:00:00Z"))).toEqual({
      kind: "always",
    });
  });

  it("is closed before Tuesday 02:00 in Los Angeles and says when it opens", () => {
    // Mon 2026-12-07 16:00 PST = Tue 00:00 UTC.
    const s = windowStatus(tueThu, at("2026-12-08T00:00:00Z"));
    // Tue 02:00 PST = 10:00 UTC.
    expect(s).toEqual({ kind: "closed", opensAt: at("2026-12-08T10:00:00Z") });
  });

  it("is open inside the window and says when it closes", () => {
    expect(windowStatus(tueThu, at("2026-12-08T10:00:00Z"))).toEqual({
      kind: "open",
      closesAt: at("2026-12-08T13:00:00Z"),
    });
    // The end is exclusive: at 05:00 the next window is Thursday's.
    expect(windowStatus(tueThu, at("2026-12-08T13:00:00Z"))).toEqual({
      kind: "closed",
      opensAt: at("2026-12-10T10:00:00Z"),
    });
  });

  it("runs a window past midnight when its end is not after its start", () => {
    const s: WindowSchedule = {
      timeZone: "UTC",
      windows: [{ days: ["Fri"], start: "22:00", end: "02:00" }],
    };
    // Sat 2026-12-12 01:00 UTC: Friday's window is still open.
    expect(windowStatus(s, at("2026-12-12T01:00:00Z"))).toEqual({
      kind: "open",
      closesAt: at("2026-12-12T02:00:00Z"),
    });
    expect(windowStatus(s, at("2026-12-12T02:00:00Z"))).toEqual({
      kind: "closed",
      opensAt: at("2026-12-18T22:00:00Z"),
    });
  });

  it("merges back-to-back windows into one opening", () => {
    const s: WindowSchedule = {
      timeZone: "UTC",
      windows: [
        { days: ["Mon"], start: "01:00", end: "03:00" },
        { days: ["Mon"], start: "03:00", end: "04:00" },
      ],
    };
    expect(windowStatus(s, at("2026-12-07T02:00:00Z"))).toEqual({
      kind: "open",
      closesAt: at("2026-12-07T04:00:00Z"),
    });
  });

  it("keeps local hours across daylight saving (Los Angeles, 8 March 2026)", () => {
    const sunday: WindowSchedule = {
      timeZone: LA,
      windows: [{ days: ["Sun"], start: "01:00", end: "05:00" }],
    };
    // 01:00 PST = 09:00 UTC; the clock jumps 02:00 → 03:00, so 05:00 PDT = 12:00 UTC.
    expect(windowStatus(sunday, at("2026-03-08T08:00:00Z"))).toEqual({
      kind: "closed",
      opensAt: at("2026-03-08T09:00:00Z"),
    });
    expect(windowStatus(sunday, at("2026-03-08T09:30:00Z"))).toEqual({
      kind: "open",
      closesAt: at("2026-03-08T12:00:00Z"),
    });
    // A start in the skipped hour moves forward by the gap, as Temporal's "compatible" does
    // (02:30 → 03:30 PDT = 10:30 UTC).
    expect(zonedInstant({ year: 2026, month: 3, day: 8 }, 2 * 60 + 30, LA)).toBe(
      at("2026-03-08T10:30:00Z").getTime(),
    );
  });

  /** A brute-force reading of the same rule from the wall clock alone. */
  const openByWallClock = (s: WindowSchedule, t: number) => {
    const w = wallClock(t, s.timeZone);
    const day = WEEKDAYS[w.weekday];
    const yesterday = WEEKDAYS[(w.weekday + 6) % 7];
    const min = (hhmm: string) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3));
    return s.windows.some((x) => {
      const [a, b] = [min(x.start), min(x.end)];
      if (b > a) return x.days.includes(day!) && a <= w.minutes && w.minutes < b;
      return (
        (x.days.includes(day!) && w.minutes >= a) || (x.days.includes(yesterday!) && w.minutes < b)
      );
    });
  };

  const clock = fc
    .tuple(fc.integer({ min: 0, max: 23 }), fc.constantFrom(0, 15, 30, 45))
    .map(([h, m]) => `${String(h).padStart(2, "0")}:${String(m).padStart(2, "0")}`);
  const windowArb: fc.Arbitrary<WeeklyWindow> = fc
    .record({
      days: fc.subarray([...WEEKDAYS], { minLength: 1 }),
      start: clock,
      end: clock,
    })
    .filter((w) => w.start !== w.end);
  // Zones without daylight saving: the wall clock never repeats or skips, so the brute force
  // reading is exact. DST is covered by the examples above.
  const scheduleArb = fc.record({
    timeZone: fc.constantFrom("UTC", "Asia/Kolkata", "Pacific/Honolulu", "Asia/Tokyo"),
    windows: fc.array(windowArb, { minLength: 1, maxLength: 3 }),
  });
  const instant = fc
    .integer({ min: 0, max: 366 * 24 * 4 })
    .map((q) => Date.UTC(2026, 0, 1) + q * 15 * 60_000);

  it("open exactly when the wall clock is inside a window; nothing opens before opensAt", () => {
    fc.assert(
      fc.property(scheduleArb, instant, (s, t) => {
        const status = windowStatus(s, new Date(t));
        expect(status.kind === "open").toBe(openByWallClock(s, t));
        if (status.kind === "closed") {
          const opens = status.opensAt.getTime();
          expect(opens).toBeGreaterThan(t);
          expect(openByWallClock(s, opens)).toBe(true);
          for (let u = t; u < opens; u += 15 * 60_000) expect(openByWallClock(s, u)).toBe(false);
        }
        if (status.kind === "open" && status.closesAt === null) {
          for (let u = t; u < t + 8 * 24 * 3_600_000; u += 15 * 60_000)
            expect(openByWallClock(s, u)).toBe(true);
        }
        if (status.kind === "open" && status.closesAt) {
          const closes = status.closesAt.getTime();
          expect(closes).toBeGreaterThan(t);
          for (let u = t; u < closes; u += 15 * 60_000) expect(openByWallClock(s, u)).toBe(true);
          expect(openByWallClock(s, closes)).toBe(false);
        }
      }),
      { numRuns: 300 },
    );
  });
});

describe("schedules in words", () => {
  it("reads the editor's lines and writes them back", () => {
    expect(parseWindowLine("Tue Thu 02:00-05:00")).toEqual({
      ok: true,
      window: { days: ["Tue", "Thu"], start: "02:00", end: "05:00" },
    });
    expect(parseWindowLine("mon-fri 9:00 – 17:30")).toEqual({
      ok: true,
      window: { days: ["Mon", "Tue", "Wed", "Thu", "Fri"], start: "09:00", end: "17:30" },
    });
    expect(parseWindowLine("Fri-Mon 22:00-02:00")).toMatchObject({
      window: { days: ["Sun", "Mon", "Fri", "Sat"] },
    });
    expect(parseWindowLine("daily 01:00-24:00")).toMatchObject({ window: { days: WEEKDAYS } });
    const w: WeeklyWindow = { days: ["Tue", "Thu"], start: "02:00", end: "05:00" };
    expect(parseWindowLine(windowLine(w))).toEqual({ ok: true, window: w });
  });

  it("says what is wrong with a line", () => {
    expect(parseWindowLine("Tue 02:00")).toMatchObject({ ok: false });
    expect(parseWindowLine("Tuesday-ish 02:00-03:00")).toMatchObject({
      ok: false,
      error: expect.stringContaining("day range"),
    });
    expect(parseWindowLine("Wed 25:00-03:00")).toMatchObject({
      ok: false,
      error: expect.stringContaining("not a time"),
    });
    expect(parseWindowLine("Wed 03:00-03:00")).toMatchObject({
      ok: false,
      error: expect.stringContaining("length"),
    });
  });

  it("refuses unknown zones and days", () => {
    expect(scheduleProblems({ timeZone: "Mars/Olympus", windows: [] })).toEqual([
      '"Mars/Olympus" is not a time zone (e.g. America/Los_Angeles)',
    ]);
    expect(
      scheduleProblems({
        timeZone: "UTC",
        windows: [{ days: ["Tus" as never], start: "01:00", end: "02:00" }],
      }),
    ).toEqual(['window 1: "Tus" is not a day (Sun…Sat)']);
    expect(scheduleProblems(tueThu)).toEqual([]);
  });

  it("describes a schedule the way the README writes it", () => {
    expect(describeSchedule(tueThu)).toBe("Tue and Thu 02:00–05:00 (America/Los_Angeles)");
    expect(
      describeSchedule({
        timeZone: "UTC",
        windows: [{ days: ["Fri"], start: "22:00", end: "02:00" }],
      }),
    ).toBe("Fri 22:00–02:00 (next day) (UTC)");
    expect(describeSchedule(null)).toBe("none: approved executions start at once");
  });
});
