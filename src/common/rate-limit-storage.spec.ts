import type { ExecutionContext } from '@nestjs/common';
import { FixedWindowRateLimitStorage, rateLimitKey } from './rate-limit-storage';

describe('FixedWindowRateLimitStorage', () => {
  let now: number;
  beforeEach(() => {
    now = Date.UTC(2026, 10, 26, 10, 0, 0);
    jest.spyOn(Date, 'now').mockImplementation(() => now);
  });
  afterEach(() => jest.restoreAllMocks());

  it('counts hits per key and blocks the one over the limit until the block ends', async () => {
    const storage = new FixedWindowRateLimitStorage();
    for (let hit = 1; hit <= 3; hit++) {
      expect(await storage.increment('client-a', 60_000, 3, 60_000)).toEqual({ totalHits: hit, timeToExpire: 60, isBlocked: false, timeToBlockExpire: 0 });
    }
    now += 10_000;
    expect(await storage.increment('client-a', 60_000, 3, 60_000)).toMatchObject({ isBlocked: true, timeToBlockExpire: 60 });
    expect(await storage.increment('client-b', 60_000, 3, 60_000)).toMatchObject({ totalHits: 1, isBlocked: false });

    now += 59_000;
    expect(await storage.increment('client-a', 60_000, 3, 60_000)).toMatchObject({ isBlocked: true, timeToBlockExpire: 1 });
    now += 1_000;
    expect(await storage.increment('client-a', 60_000, 3, 60_000)).toEqual({ totalHits: 1, timeToExpire: 60, isBlocked: false, timeToBlockExpire: 0 });
  });

  it('lets a client in again when a block shorter than the window ends', async () => {
    const storage = new FixedWindowRateLimitStorage();
    await storage.increment('client', 60_000, 1, 5_000);
    expect(await storage.increment('client', 60_000, 1, 5_000)).toMatchObject({ isBlocked: true, timeToBlockExpire: 5 });
    now += 5_000;
    expect(await storage.increment('client', 60_000, 1, 5_000)).toMatchObject({ totalHits: 1, isBlocked: false });
  });

  it('starts a new window once the old one is over', async () => {
    const storage = new FixedWindowRateLimitStorage();
    await storage.increment('client', 1_000, 2, 1_000);
    await storage.increment('client', 1_000, 2, 1_000);
    now += 1_000;
    expect(await storage.increment('client', 1_000, 2, 1_000)).toMatchObject({ totalHits: 1, isBlocked: false });
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
