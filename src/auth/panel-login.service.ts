import { Injectable } from '@nestjs/common';
import { AuthError, AuthErrorCode } from './auth-error';
import { describeLock, LoginThrottleService } from './login-throttle.service';
import type { SessionUser } from './session.service';
import { UsersService } from './users.service';

/** The admin panel's log-in: credentials checked by UsersService, failures throttled per email and address. */
@Injectable()
export class PanelLoginService {
  constructor(
    private readonly users: UsersService,
    private readonly throttle: LoginThrottleService,
  ) {}

  /**
   * The session user when the credentials match an enabled account, `null` when they do not; throws
   * {@link AuthErrorCode.LoginLocked} while this email is locked for this address (even with the right password).
   */
  async logIn(email: string, password: string, ip: string): Promise<SessionUser | null> {
    const lock = await this.throttle.lockFor(email, ip);
    if (lock) throw new AuthError(AuthErrorCode.LoginLocked, describeLock(lock));
    const user = await this.users.verifyCredentials(email, password);
    if (!user) {
      await this.throttle.recordFailure(email, ip);
      return null;
    }
    await this.throttle.clear(email, ip);
    return { id: user.id, email: user.email, role: user.role };
  }
}
