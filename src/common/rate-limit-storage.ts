import type { ExecutionContext } from '@nestjs/common';
import type { ThrottlerStorage } from '@nestjs/throttler';

interface Window {
  startsAt: number;
  hits: number;
  /** Hits counted in the window just before this one, which still weigh on the first part of this one. */
  previousHits: number;
  blockedUntil: number;
}

type ThrottlerStorageRecord = Awaited<ReturnType<ThrottlerStorage['increment']>>;

const SWEEP_INTERVAL_MS = 60_000;

/**
 * In-memory rate-limit counters per client and route, O(1) per request: a sliding-window estimate from two
 * counters, the current window's hits plus the previous window's, weighted by how much of it still lies
 * within the last `ttl`. Fixed windows alone let a client spend its limit at the end of one window and
 * again at the start of the next, twice the limit within seconds; the estimate refuses that. (The
 * throttler's default storage keeps one timestamp per hit and filters them all on every request, so its
 * cost grows with the traffic it is meant to absorb.) A client over its limit is refused until
 * `blockDuration` (the throttler's default: the window's length) has passed; refused requests do not
 * count. Counters idle for two windows are dropped once a minute.
 */
export class SlidingWindowRateLimitStorage implements ThrottlerStorage {
  private readonly windows = new Map<string, Window>();
  private nextSweepAt = 0;

  async increment(key: string, ttl: number, limit: number, blockDuration: number): Promise<ThrottlerStorageRecord> {
    const now = Date.now();
    if (now >= this.nextSweepAt) this.sweep(now, ttl);
    const window = this.windows.get(key) ?? { startsAt: now, hits: 0, previousHits: 0, blockedUntil: 0 };
    this.windows.set(key, window);
    advance(window, now, ttl);
    if (now < window.blockedUntil) return blocked(window, now, ttl, limit);
    const elapsed = (now - window.startsAt) / ttl;
    const estimate = Math.floor(window.previousHits * (1 - elapsed)) + window.hits + 1;
    if (estimate > limit) {
      window.blockedUntil = now + blockDuration;
      return blocked(window, now, ttl, limit);
    }
    window.hits += 1;
    return { totalHits: estimate, timeToExpire: secondsUntil(window.startsAt + ttl, now), isBlocked: false, timeToBlockExpire: 0 };
  }

  private sweep(now: number, ttl: number): void {
    for (const [key, window] of this.windows) {
      if (now >= window.startsAt + 2 * ttl && now >= window.blockedUntil) this.windows.delete(key);
    }
    this.nextSweepAt = now + SWEEP_INTERVAL_MS;
  }
}

/** Moves the window on to the one containing `now`; the one it leaves becomes the previous one if adjacent. */
function advance(window: Window, now: number, ttl: number): void {
  const windowsPassed = Math.floor((now - window.startsAt) / ttl);
  if (windowsPassed < 1) return;
  window.previousHits = windowsPassed === 1 ? window.hits : 0;
  window.hits = 0;
  window.startsAt += windowsPassed * ttl;
}

function blocked(window: Window, now: number, ttl: number, limit: number): ThrottlerStorageRecord {
  return { totalHits: limit + 1, timeToExpire: secondsUntil(window.startsAt + ttl, now), isBlocked: true, timeToBlockExpire: secondsUntil(window.blockedUntil, now) };
}

function secondsUntil(time: number, now: number): number {
  return Math.max(1, Math.ceil((time - now) / 1000));
}

/** One budget per client, route and throttler; the plain string (the default hashes it with SHA-256 on every request). */
export function rateLimitKey(context: ExecutionContext, tracker: string, throttlerName: string): string {
  return `${context.getClass().name}.${context.getHandler().name}.${throttlerName}.${tracker}`;
}
