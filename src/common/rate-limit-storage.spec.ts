import type { ExecutionContext } from '@nestjs/common';
import { SlidingWindowRateLimitStorage, rateLimitKey } from './rate-limit-storage';

describe('SlidingWindowRateLimitStorage', () => {
  const MINUTE = 60_000;
  let now: number;
  beforeEach(() => {
    now = Date.UTC(2026, 10, 26, 10, 0, 0);
    jest.spyOn(Date, 'now').mockImplementation(() => now);
  });
  afterEach(() => jest.restoreAllMocks());

  const allowedOf = async (storage: SlidingWindowRateLimitStorage, key: string, attempts: number, limit: number) => {
    let allowed = 0;
    for (let attempt = 0; attempt < attempts; attempt++) {
      if (!(await storage.increment(key, MINUTE, limit, MINUTE)).isBlocked) allowed++;
    }
    return allowed;
  };

  it('counts hits per key and blocks the one over the limit until the block ends', async () => {
    const storage = new SlidingWindowRateLimitStorage();
    for (let hit = 1; hit <= 3; hit++) {
      expect(await storage.increment('client-a', MINUTE, 3, MINUTE)).toEqual({ totalHits: hit, timeToExpire: 60, isBlocked: false, timeToBlockExpire: 0 });
    }
    now += 10_000;
    expect(await storage.increment('client-a', MINUTE, 3, MINUTE)).toMatchObject({ isBlocked: true, timeToBlockExpire: 60 });
    expect(await storage.increment('client-b', MINUTE, 3, MINUTE)).toMatchObject({ totalHits: 1, isBlocked: false });

    now += 59_000;
    expect(await storage.increment('client-a', MINUTE, 3, MINUTE)).toMatchObject({ isBlocked: true, timeToBlockExpire: 1 });
    // 70 s after the first hit the block is over, but 50 of the last 60 s lie in the previous window: its
    // three hits count as floor(3 × 5/6) = 2, which leaves room for one.
    now += 1_000;
    expect(await storage.increment('client-a', MINUTE, 3, MINUTE)).toEqual({ totalHits: 3, timeToExpire: 50, isBlocked: false, timeToBlockExpire: 0 });
    expect(await storage.increment('client-a', MINUTE, 3, MINUTE)).toMatchObject({ isBlocked: true, timeToBlockExpire: 60 });
    // Once they have slid out, the client has its whole budget again.
    now += MINUTE;
    expect(await allowedOf(storage, 'client-a', 5, 3)).toBe(3);
  });

  it('does not let a client spend its limit at the end of one window and again at the start of the next', async () => {
    const storage = new SlidingWindowRateLimitStorage();
    const hit = () => storage.increment('client', MINUTE, 100, 1);
    await hit();
    now += 59_000;
    for (let attempt = 0; attempt < 99; attempt++) expect((await hit()).isBlocked).toBe(false);
    // Two seconds later a fixed window would start afresh and allow 100 more; 59/60 of the last 100 still count.
    now += 2_000;
    const results = [];
    for (let attempt = 0; attempt < 100; attempt++) results.push(await hit());
    expect(results.filter((result) => !result.isBlocked)).toHaveLength(2);
  });

  it('weighs the previous window less as it slides out', async () => {
    const storage = new SlidingWindowRateLimitStorage();
    for (let hit = 0; hit < 60; hit++) await storage.increment('client', MINUTE, 60, 1);
    now += MINUTE + 30_000;
    // Half of the previous minute is still within the last 60 s: 30 of its 60 hits count.
    const results = [];
    for (let attempt = 0; attempt < 40; attempt++) results.push(await storage.increment('client', MINUTE, 60, 1));
    expect(results.filter((result) => !result.isBlocked)).toHaveLength(30);
    expect(results[0]).toMatchObject({ totalHits: 31, timeToExpire: 30 });
  });

  it('lets a client in again once its block is over and its hits have slid out of the last minute', async () => {
    const storage = new SlidingWindowRateLimitStorage();
    await storage.increment('client', MINUTE, 1, 5_000);
    expect(await storage.increment('client', MINUTE, 1, 5_000)).toMatchObject({ isBlocked: true, timeToBlockExpire: 5 });
    now += MINUTE;
    expect(await storage.increment('client', MINUTE, 1, 5_000)).toMatchObject({ isBlocked: true });
    now += MINUTE;
    expect(await storage.increment('client', MINUTE, 1, 5_000)).toMatchObject({ totalHits: 1, isBlocked: false });
  });
});

describe('rateLimitKey', () => {
  it('names the controller, handler, throttler and client', () => {
    class ArticlesController {
      list(): void {}
    }
    const context = { getClass: () => ArticlesController, getHandler: () => ArticlesController.prototype.list } as unknown as ExecutionContext;
    expect(rateLimitKey(context, '203.0.113.7', 'default')).toBe('ArticlesController.list.default.203.0.113.7');
  });
});
