import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { setTimeout as sleep } from 'node:timers/promises';
import { DataSource, EntityManager, MoreThanOrEqual } from 'typeorm';
import { LoginFailure } from './login-throttle.entity';
import { normaliseEmail } from './users.service';

/** Wrong passwords for one email from one client address before that address is locked out of that email. */
export const MAX_LOGIN_FAILURES = 5;
/** Wrong passwords from one client address, for any emails, before that address is locked out of log-in. */
export const MAX_ADDRESS_FAILURES = 50;
export const LOGIN_FAILURE_WINDOW_MS = 15 * 60 * 1000;
/** From this many failures for an account (from every address together) on, each log-in to it waits first. */
export const ACCOUNT_SLOWDOWN_AFTER = 5;
const ACCOUNT_SLOWDOWN_BASE_MS = 500;
export const ACCOUNT_SLOWDOWN_MAX_MS = 5_000;

export interface LoginLock {
  /** When the oldest failure in the window expires and one more attempt is allowed. */
  until: Date;
  /** Whether the lock is on this email from this address, or on the address for every email. */
  scope: 'email' | 'address';
}

/** An attempt let through: counted as a failure until it is known to have succeeded. */
export interface LoginAttempt {
  failureId: number;
  /** How long the account's failures made this attempt wait before the password was checked. */
  waitedMs: number;
}

/**
 * Panel log-in throttling that a stranger cannot turn against a user.
 * - Hard limit per client address: {@link MAX_LOGIN_FAILURES} failures for an email from one address lock that
 *   address out of that email, and {@link MAX_ADDRESS_FAILURES} for any emails lock the address out; other
 *   addresses are not affected, so five wrong guesses from elsewhere never lock the owner out.
 * - Slowdown per account: past {@link ACCOUNT_SLOWDOWN_AFTER} failures from all addresses together, every
 *   attempt on the account waits (doubling, at most {@link ACCOUNT_SLOWDOWN_MAX_MS}): guessing from many
 *   addresses gets slow, while the owner still logs in.
 * - Atomic: an attempt is counted (as a failure) under a transaction-scoped advisory lock on its address before
 *   the password is checked, and forgotten if it succeeds; so parallel guesses cannot all pass the check-then-count gap.
 * Client addresses are `req.ip`: behind a reverse proxy set TRUST_PROXY, or every client is the proxy.
 */
@Injectable()
export class LoginThrottleService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** Counts an attempt for `email` from `ip`, or returns the lock that refuses it. */
  async begin(email: string, ip: string, now: Date = new Date()): Promise<LoginAttempt | LoginLock> {
    const key = normaliseEmail(email).slice(0, 254);
    const address = ip.slice(0, 64);
    const since = new Date(now.getTime() - LOGIN_FAILURE_WINDOW_MS);
    const counted = await this.dataSource.transaction(async (manager) => {
      // One lock per address: attempts from one address queue here, attempts from others do not wait on them.
      await manager.query(`SELECT pg_advisory_xact_lock(hashtextextended('login:' || $1, 0))`, [address]);
      const lock = (await this.lockOn(manager, { email: key, ip: address }, MAX_LOGIN_FAILURES, since, 'email')) ?? (await this.lockOn(manager, { ip: address }, MAX_ADDRESS_FAILURES, since, 'address'));
      if (lock) return lock;
      const inserted = await manager.insert(LoginFailure, { email: key, ip: address, failedAt: now });
      return { failureId: Number(inserted.identifiers[0].id) };
    });
    if (!('failureId' in counted)) return counted;
    const waitedMs = slowdownFor(await this.dataSource.getRepository(LoginFailure).countBy({ email: key, failedAt: afterOrAt(since) }));
    if (waitedMs > 0) await sleep(waitedMs);
    return { failureId: counted.failureId, waitedMs };
  }

  /** The attempt succeeded: it and this address's earlier failures for the email are forgotten. */
  async succeeded(attempt: LoginAttempt, email: string, ip: string): Promise<void> {
    await this.dataSource.getRepository(LoginFailure).delete({ id: attempt.failureId });
    await this.dataSource.getRepository(LoginFailure).delete({ email: normaliseEmail(email).slice(0, 254), ip: ip.slice(0, 64) });
  }

  /** The attempt failed: it stays counted; failures outside every window only cost space, and each new one sweeps them. */
  async failed(now: Date = new Date()): Promise<void> {
    await this.dataSource
      .createQueryBuilder()
      .delete()
      .from(LoginFailure)
      .where('"failedAt" < :before', { before: new Date(now.getTime() - LOGIN_FAILURE_WINDOW_MS) })
      .execute();
  }

  private async lockOn(manager: EntityManager, where: { email?: string; ip: string }, limit: number, since: Date, scope: LoginLock['scope']): Promise<LoginLock | null> {
    const recent = await manager.getRepository(LoginFailure).find({
      where: { ...where, failedAt: afterOrAt(since) },
      order: { failedAt: 'DESC' },
      take: limit,
    });
    if (recent.length < limit) return null;
    return { until: new Date(recent[recent.length - 1].failedAt.getTime() + LOGIN_FAILURE_WINDOW_MS), scope };
  }
}

const afterOrAt = (since: Date) => MoreThanOrEqual(since);

export function slowdownFor(accountFailures: number): number {
  if (accountFailures < ACCOUNT_SLOWDOWN_AFTER) return 0;
  return Math.min(ACCOUNT_SLOWDOWN_MAX_MS, ACCOUNT_SLOWDOWN_BASE_MS * 2 ** (accountFailures - ACCOUNT_SLOWDOWN_AFTER));
}

export function describeLock(lock: LoginLock, now: Date = new Date()): string {
  const minutes = Math.max(1, Math.ceil((lock.until.getTime() - now.getTime()) / 60_000));
  const what = lock.scope === 'email' ? 'Too many failed log-ins for this email from your address' : 'Too many failed log-ins from your address';
  return `${what}. Log-in is locked for ${minutes} more minute${minutes === 1 ? '' : 's'} (until ${lock.until.toISOString().slice(11, 16)} UTC).`;
}
