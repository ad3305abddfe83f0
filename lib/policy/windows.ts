/**
 * Maintenance windows (issue 16; Argo CD's sync windows): weekly allow windows of a rack in
 * one IANA time zone, e.g. "Tue Thu 02:00-05:00" in America/Los_Angeles. An approved
 * execution of a rack with windows starts only while one is open (or when an approver starts
 * it now, with a written reason). A running execution is never stopped by a window closing:
 * the window gates the start.
 *
 * A window whose end is not after its start runs past midnight into the next day
 * ("Fri 22:00-02:00" ends Saturday 02:00). Wall-clock times are the zone's, so a window keeps
 * its local hours across daylight-saving changes; a start that does not exist on a
 * spring-forward day moves forward by the gap (02:30 becomes 03:30, as Temporal's "compatible").
 *
 * Pure: time zones come from the JavaScript engine's Intl data; `now` is always a parameter.
 */
import { joinAnd } from "../util/words";

export const WEEKDAYS = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"] as const;
export type Weekday = (typeof WEEKDAYS)[number];

export interface WeeklyWindow {
  /** Days the window starts on, in the schedule's time zone. */
  days: Weekday[];
  /** "HH:MM", 24-hour, local. */
  start: string;
  /** "HH:MM"; not after `start` means the next day. "24:00" is midnight at the day's end. */
  end: string;
}

export interface WindowSchedule {
  timeZone: string;
  windows: WeeklyWindow[];
}

export type WindowStatus =
  /** No schedule: executions start as soon as they are approved. */
  | { kind: "always" }
  /** `closesAt` null: the windows cover the whole week, it never closes. */
  | { kind: "open"; closesAt: Date | null }
  | { kind: "closed"; opensAt: Date };

const MINUTE = 60_000;
const DAY_MIN = 24 * 60;

/** Minutes since midnight of "HH:MM" ("24:00" allowed as an end), or null. */
export function parseClock(text: string, allowEndOfDay = false): number | null {
  const m = /^([01]\d|2[0-4]):([0-5]\d)$/.exec(text.trim());
  if (!m) return null;
  const minutes = Number(m[1]) * 60 + Number(m[2]);
  if (minutes > DAY_MIN || (minutes === DAY_MIN && !allowEndOfDay)) return null;
  return minutes;
}

/** Whether the engine knows this IANA zone name. */
export function isTimeZone(name: string): boolean {
  if (!name.trim()) return false;
  try {
    new Intl.DateTimeFormat("en-US", { timeZone: name });
    return true;
  } catch {
    return false;
  }
}

/** Every problem of a schedule, in words; empty when it is usable. */
export function scheduleProblems(s: WindowSchedule): string[] {
  const out: string[] = [];
  if (!isTimeZone(s.timeZone))
    out.push(`"${s.timeZone}" is not a time zone (e.g. America/Los_Angeles)`);
  s.windows.forEach((w, i) => {
    const at = `window ${i + 1}`;
    if (w.days.length === 0) out.push(`${at} has no day`);
    for (const d of w.days)
      if (!(WEEKDAYS as readonly string[]).includes(d))
        out.push(`${at}: "${d}" is not a day (Sun…Sat)`);
    const start = parseClock(w.start);
    const end = parseClock(w.end, true);
    if (start === null) out.push(`${at}: start "${w.start}" is not a time (HH:MM)`);
    if (end === null) out.push(`${at}: end "${w.end}" is not a time (HH:MM, up to 24:00)`);
    if (start !== null && end !== null && start === end)
      out.push(`${at} starts and ends at ${w.start}: give it a length`);
  });
  return out;
}

/**
 * One line of the windows editor: days, then a time range. "Tue Thu 02:00-05:00",
 * "Mon-Fri 22:00–02:00", "daily 01:00-03:00". Returns the window or a sentence saying why not.
 */
export function parseWindowLine(
  line: string,
): { ok: true; window: WeeklyWindow } | { ok: false; error: string } {
  const text = line.trim().replace(/[–—]/g, "-");
  const m = /^(.*?)\s*(\d{1,2}:\d{2})\s*-\s*(\d{1,2}:\d{2})$/.exec(text);
  if (!m || !m[1]?.trim())
    return {
      ok: false,
      error: `"${line.trim()}": write days then a time range, e.g. "Tue Thu 02:00-05:00"`,
    };
  const days = parseDays(m[1]);
  if (typeof days === "string") return { ok: false, error: `"${line.trim()}": ${days}` };
  const pad = (t: string) => t.padStart(5, "0");
  const window: WeeklyWindow = { days, start: pad(m[2] ?? ""), end: pad(m[3] ?? "") };
  const problems = scheduleProblems({ timeZone: "UTC", windows: [window] });
  if (problems.length)
    return {
      ok: false,
      error: `"${line.trim()}": ${problems.join("; ").replace(/^window 1:? ?/, "")}`,
    };
  return { ok: true, window };
}

function dayOf(word: string): Weekday | null {
  const w = word.slice(0, 3).toLowerCase();
  return WEEKDAYS.find((d) => d.toLowerCase() === w) ?? null;
}

function parseDays(text: string): Weekday[] | string {
  const words = text
    .toLowerCase()
    .replace(/,/g, " ")
    .replace(/\band\b/g, " ")
    .split(/\s+/)
    .filter(Boolean);
  const out = new Set<Weekday>();
  for (const word of words) {
    if (word === "daily" || word === "every" || word === "day" || word === "everyday") {
      if (word !== "every") WEEKDAYS.forEach((d) => out.add(d));
      continue;
    }
    const range = /^([a-z]+)-([a-z]+)$/.exec(word);
    if (range) {
      const from = dayOf(range[1] ?? "");
      const to = dayOf(range[2] ?? "");
      if (!from || !to) return `"${word}" is not a day range (e.g. Mon-Fri)`;
      for (let i = WEEKDAYS.indexOf(from); ; i = (i + 1) % 7) {
        out.add(WEEKDAYS[i] as Weekday);
        if (WEEKDAYS[i] === to) break;
      }
      continue;
    }
    const day = dayOf(word);
    if (!day || word.length < 3)
      return `"${word}" is not a day (Sun…Sat, a range like Mon-Fri, or daily)`;
    out.add(day);
  }
  if (out.size === 0) return "no day given";
  return WEEKDAYS.filter((d) => out.has(d));
}

/** "Tue Thu 02:00-05:00" — the line `parseWindowLine` reads back. */
export function windowLine(w: WeeklyWindow): string {
  const days = w.days.length === 7 ? "daily" : w.days.join(" ");
  return `${days} ${w.start}-${w.end}`;
}

/** "Tue and Thu 02:00–05:00, Sat 01:00–03:00 (America/Los_Angeles)". */
export function describeSchedule(s: WindowSchedule | null): string {
  if (!s || s.windows.length === 0) return "none: approved executions start at once";
  const parts = s.windows.map((w) => {
    const days = w.days.length === 7 ? "daily" : joinAnd(w.days);
    return `${days} ${w.start}–${w.end}${endsNextDay(w) ? " (next day)" : ""}`;
  });
  return `${parts.join(", ")} (${s.timeZone})`;
}

const endsNextDay = (w: WeeklyWindow) =>
  (parseClock(w.end, true) ?? 0) <= (parseClock(w.start) ?? 0) && w.end !== "24:00";

// ---------------------------------------------------------------------------------------------
// Time zone arithmetic

interface Wall {
  year: number;
  month: number;
  day: number;
  /** 0 = Sunday. */
  weekday: number;
  minutes: number;
}

const formatters = new Map<string, Intl.DateTimeFormat>();
function formatter(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat("en-US", {
      timeZone,
      hourCycle: "h23",
      year: "numeric",
      month: "numeric",
      day: "numeric",
      hour: "numeric",
      minute: "numeric",
      weekday: "short",
    });
    formatters.set(timeZone, f);
  }
  return f;
}

/** The wall clock of `t` in the zone (minute precision). */
export function wallClock(t: number, timeZone: string): Wall {
  const parts: Record<string, string> = {};
  for (const p of formatter(timeZone).formatToParts(new Date(t))) parts[p.type] = p.value;
  return {
    year: Number(parts.year),
    month: Number(parts.month),
    day: Number(parts.day),
    weekday: WEEKDAYS.indexOf(parts.weekday as Weekday),
    minutes: Number(parts.hour) * 60 + Number(parts.minute),
  };
}

/** Offset of the zone at instant t, in ms (local = UTC + offset), to the minute. */
function offsetAt(t: number, timeZone: string): number {
  const w = wallClock(t, timeZone);
  const asUtc = Date.UTC(w.year, w.month - 1, w.day) + w.minutes * MINUTE;
  return asUtc - Math.floor(t / MINUTE) * MINUTE;
}

/**
 * The instant a local wall time happens in the zone. Ambiguous times (fall back) give the
 * earlier instant; times that do not exist (spring forward) move forward by the gap, as
 * Temporal's "compatible" disambiguation does.
 */
export function zonedInstant(
  date: { year: number; month: number; day: number },
  minutes: number,
  timeZone: string,
): number {
  const local = Date.UTC(date.year, date.month - 1, date.day) + minutes * MINUTE;
  const first = local - offsetAt(local, timeZone);
  const second = local - offsetAt(first, timeZone);
  const candidates = [first, second].filter((t) => t + offsetAt(t, timeZone) === local);
  if (candidates.length) return Math.min(...candidates);
  // A gap: the wall time is skipped; the window begins when the clock jumps.
  return Math.max(first, second);
}

/** The calendar date `days` after a local date (no zone involved). */
function addDays(d: { year: number; month: number; day: number }, days: number) {
  const t = new Date(Date.UTC(d.year, d.month - 1, d.day + days));
  return {
    year: t.getUTCFullYear(),
    month: t.getUTCMonth() + 1,
    day: t.getUTCDate(),
    weekday: t.getUTCDay(),
  };
}

/** Every occurrence [start, end) of the schedule's windows starting on local days from..to. */
function occurrences(s: WindowSchedule, around: number, fromDay: number, toDay: number) {
  const today = wallClock(around, s.timeZone);
  const out: { start: number; end: number }[] = [];
  for (let k = fromDay; k <= toDay; k++) {
    const date = addDays(today, k);
    for (const w of s.windows) {
      if (!w.days.includes(WEEKDAYS[date.weekday] as Weekday)) continue;
      const startMin = parseClock(w.start);
      const endMin = parseClock(w.end, true);
      if (startMin === null || endMin === null) continue;
      const start = zonedInstant(date, startMin, s.timeZone);
      const endDate = endMin <= startMin ? addDays(date, 1) : date;
      const end = zonedInstant(endDate, endMin, s.timeZone);
      if (end > start) out.push({ start, end });
    }
  }
  return out.sort((a, b) => a.start - b.start);
}

/**
 * Whether the schedule allows a start at `now`, and when that changes: the end of the open
 * window (overlapping or back-to-back windows merged), or the next opening.
 */
export function windowStatus(s: WindowSchedule | null, now: Date): WindowStatus {
  if (!s || s.windows.length === 0) return { kind: "always" };
  const t = now.getTime();
  // Windows that started yesterday may still be open; a week and a day covers the next one.
  const occ = occurrences(s, t, -1, 8);
  const open = occ.filter((o) => o.start <= t && t < o.end);
  if (open.length) {
    let closes = Math.max(...open.map((o) => o.end));
    for (const o of occ) if (o.start <= closes && o.end > closes) closes = o.end;
    // Open for a whole week without a break: a weekly schedule then never closes.
    const never = closes - t >= 7 * DAY_MIN * MINUTE;
    return { kind: "open", closesAt: never ? null : new Date(closes) };
  }
  const next = occ.find((o) => o.start > t);
  // A schedule with at least one valid window has an occurrence within 8 days.
  if (!next) return { kind: "always" };
  return { kind: "closed", opensAt: new Date(next.start) };
}
