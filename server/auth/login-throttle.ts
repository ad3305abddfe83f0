/**
 * Login throttling, per account name and per client address, in this process's memory.
 *
 * Each key (an account name, a client address) counts failed logins; failures older than
 * WINDOW_MS are forgotten. The first `freeFailures` (per client: 4× as many, since a client
 * may mistype several accounts' passwords) cost nothing; every further failure locks the key
 * for 1 s, 2 s, 4 s, … up to `maxLockMs`, so guessing slows to about one try a `maxLockMs`
 * while a real user waits at most that long after the attacker stops (or between guesses).
 * Beyond the free failures only one attempt per key is checked at a time, so parallel
 * requests cannot all slip in before the first failure is counted. A success clears its
 * account's count; successes are never throttled otherwise (a locked key still refuses them:
 * the refusal comes before the password is checked). `now` in ms, for tests.
 */
import { wholeNumberEnv } from "../util/env-number.ts";
import { z } from "zod";
import { limitKey } from "~/lib/net/client-address.ts";

export interface LoginThrottleConfig {
  freeFailures: number;
  maxLockMs: number;
}

export const DEFAULT_FREE_FAILURES = 5;
export const DEFAULT_MAX_LOCK_MS = 60_000;
const BASE_LOCK_MS = 1_000;
const WINDOW_MS = 15 * 60_000;
/** Keys kept at most; the least recently touched go first. */
const MAX_KEYS = 50_000;

/** LOGIN_FREE_FAILURES (5), LOGIN_MAX_LOCK_SECONDS (60). */
export function loginThrottleFromEnv(env: Record<string, string | undefined>): LoginThrottleConfig {
  const parsed = z
    .object({
      LOGIN_FREE_FAILURES: wholeNumberEnv("LOGIN_FREE_FAILURES", 1, DEFAULT_FREE_FAILURES),
      LOGIN_MAX_LOCK_SECONDS: wholeNumberEnv(
        "LOGIN_MAX_LOCK_SECONDS",
        1,
        DEFAULT_MAX_LOCK_MS / 1000,
      ),
    })
    .safeParse(env);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new Error(`invalid ${String(issue?.path[0])}: ${issue?.message}`);
  }
  return {
    freeFailures: parsed.data.LOGIN_FREE_FAILURES,
    maxLockMs: parsed.data.LOGIN_MAX_LOCK_SECONDS * 1000,
  };
}

interface KeyState {
  failures: number;
  lastFailureAt: number;
  lockedUntil: number;
  inFlight: number;
}

export type Admission =
  { ok: true; ticket: Ticket } | { ok: false; retryAfterMs: number; scope: "account" | "client" };

export interface Ticket {
  keys: { key: string; scope: "account" | "client" }[];
}

export class LoginThrottle {
  private readonly keys = new Map<string, KeyState>();
  constructor(readonly config: LoginThrottleConfig) {}

  private free(scope: "account" | "client"): number {
    return scope === "account" ? this.config.freeFailures : 4 * this.config.freeFailures;
  }

  private state(key: string, now: number): KeyState {
    let s = this.keys.get(key);
    if (s && now - s.lastFailureAt > WINDOW_MS && s.inFlight === 0) s = undefined;
    s ??= { failures: 0, lastFailureAt: now, lockedUntil: 0, inFlight: 0 };
    this.keys.delete(key); // re-inserted last: least recently touched first
    this.keys.set(key, s);
    if (this.keys.size > MAX_KEYS) this.keys.delete(this.keys.keys().next().value ?? key);
    return s;
  }

  /** May this attempt be checked now? Synchronous, so the decision and the count are one step. */
  admit(account: string, client: string, now: number): Admission {
    const keys = [
      { key: `account:${account.toLowerCase()}`, scope: "account" as const },
      { key: `client:${limitKey(client)}`, scope: "client" as const },
    ];
    for (const { key, scope } of keys) {
      const s = this.state(key, now);
      const wait = s.lockedUntil - now;
      if (wait > 0) return { ok: false, retryAfterMs: wait, scope };
      // Past the free failures, one attempt at a time: the others would not be counted yet.
      if (s.failures + s.inFlight >= this.free(scope) && s.inFlight > 0)
        return { ok: false, retryAfterMs: BASE_LOCK_MS, scope };
    }
    for (const { key } of keys) this.state(key, now).inFlight++;
    return { ok: true, ticket: { keys } };
  }

  failed(ticket: Ticket, now: number): void {
    for (const { key, scope } of ticket.keys) {
      const s = this.state(key, now);
      s.inFlight = Math.max(0, s.inFlight - 1);
      s.failures++;
      s.lastFailureAt = now;
      const over = s.failures - this.free(scope);
      if (over > 0)
        s.lockedUntil = now + Math.min(this.config.maxLockMs, BASE_LOCK_MS * 2 ** (over - 1));
    }
  }

  succeeded(ticket: Ticket, now: number): void {
    for (const { key, scope } of ticket.keys) {
      const s = this.state(key, now);
      s.inFlight = Math.max(0, s.inFlight - 1);
      if (scope === "account") this.keys.delete(key);
    }
  }
}
