import type { ExecutionContext } from '@nestjs/common';
import type { ThrottlerStorage } from '@nestjs/throttler';

interface Window {
  hits: number;
  endsAt: number;
  blockedUntil: number;
}

type ThrottlerStorageRecord = Awaited<ReturnType<ThrottlerStorage['increment']>>;

const SWEEP_INTERVAL_MS = 60_000;

/**
 * In-memory rate-limit counters: a fixed window per client and route, O(1) per request. The throttler's
 * default storage keeps one timestamp per hit and filters them all on every request, so its cost grows
 * with the traffic it is meant to absorb. A client over its limit is refused until `blockDuration` (the
 * throttler's default: the window's length) has passed; windows that are over are dropped once a minute.
 */
export class FixedWindowRateLimitStorage implements ThrottlerStorage {
  private readonly windows = new Map<string, Window>();
  private nextSweepAt = 0;

  async increment(key: string, ttl: number, limit: number, blockDuration: number): Promise<ThrottlerStorageRecord> {
    const now = Date.now();
    if (now >= this.nextSweepAt) this.sweep(now);
    let window = this.windows.get(key);
    if (!window || isOver(window, now)) {
      window = { hits: 0, endsAt: now + ttl, blockedUntil: 0 };
      this.windows.set(key, window);
    }
    if (now < window.blockedUntil) return blocked(window, now);
    window.hits += 1;
    if (window.hits > limit) {
      window.blockedUntil = now + blockDuration;
      return blocked(window, now);
    }
    return { totalHits: window.hits, timeToExpire: secondsUntil(window.endsAt, now), isBlocked: false, timeToBlockExpire: 0 };
  }

  private sweep(now: number): void {
    for (const [key, window] of this.windows) {
      if (isOver(window, now)) this.windows.delete(key);
    }
    this.nextSweepAt = now + SWEEP_INTERVAL_MS;
  }
}

/** A blocked client starts afresh when its block ends, any other when its window does. */
function isOver(window: Window, now: number): boolean {
  return window.blockedUntil > 0 ? now >= window.blockedUntil : now >= window.endsAt;
}

function blocked(window: Window, now: number): ThrottlerStorageRecord {
  return { totalHits: window.hits, timeToExpire: secondsUntil(window.endsAt, now), isBlocked: true, timeToBlockExpire: secondsUntil(window.blockedUntil, now) };
}

function secondsUntil(time: number, now: number): number {
  return Math.max(1, Math.ceil((time - now) / 1000));
}

/** One budget per client, route and throttler; the plain string (the default hashes it with SHA-256 on every request). */
export function rateLimitKey(context: ExecutionContext, tracker: string, throttlerName: string): string {
  return `${context.getClass().name}.${context.getHandler().name}.${throttlerName}.${tracker}`;
}
