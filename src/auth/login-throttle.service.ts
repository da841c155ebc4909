import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { LessThan, MoreThan, Repository } from 'typeorm';
import { LoginFailure } from './login-throttle.entity';
import { normaliseEmail } from './users.service';

export const MAX_LOGIN_FAILURES = 5;
export const LOGIN_FAILURE_WINDOW_MS = 15 * 60 * 1000;

export interface LoginLock {
  /** When the oldest failure in the window expires and one more attempt is allowed. */
  until: Date;
}

/**
 * Locks panel log-in for an email from one address after {@link MAX_LOGIN_FAILURES} failures within
 * {@link LOGIN_FAILURE_WINDOW_MS}. Per email and IP, so an attacker cannot lock a colleague out from elsewhere.
 */
@Injectable()
export class LoginThrottleService {
  constructor(@InjectRepository(LoginFailure) private readonly failures: Repository<LoginFailure>) {}

  /** The lock in force for this email and address, or `null` when a log-in may be attempted. */
  async lockFor(email: string, ip: string, now: Date = new Date()): Promise<LoginLock | null> {
    const recent = await this.failures.find({
      where: { email: normaliseEmail(email), ip, failedAt: MoreThan(new Date(now.getTime() - LOGIN_FAILURE_WINDOW_MS)) },
      order: { failedAt: 'DESC' },
      take: MAX_LOGIN_FAILURES,
    });
    if (recent.length < MAX_LOGIN_FAILURES) return null;
    const oldestCounted = recent[recent.length - 1].failedAt;
    return { until: new Date(oldestCounted.getTime() + LOGIN_FAILURE_WINDOW_MS) };
  }

  async recordFailure(email: string, ip: string, now: Date = new Date()): Promise<void> {
    await this.failures.insert({ email: normaliseEmail(email).slice(0, 254), ip, failedAt: now });
    // Failures outside every window only cost space; each new one sweeps them.
    await this.failures.delete({ failedAt: LessThan(new Date(now.getTime() - LOGIN_FAILURE_WINDOW_MS)) });
  }

  /** A successful log-in forgets this address's failures for the email. */
  async clear(email: string, ip: string): Promise<void> {
    await this.failures.delete({ email: normaliseEmail(email), ip });
  }
}

export function describeLock(lock: LoginLock, now: Date = new Date()): string {
  const minutes = Math.max(1, Math.ceil((lock.until.getTime() - now.getTime()) / 60_000));
  return `Too many failed log-ins for this email from your address. Log-in is locked for ${minutes} more minute${minutes === 1 ? '' : 's'} (until ${lock.until.toISOString().slice(11, 16)} UTC).`;
}
