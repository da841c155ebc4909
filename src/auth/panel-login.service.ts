import { Injectable } from '@nestjs/common';
import { AuthError, AuthErrorCode } from './auth-error';
import { describeLock, LoginThrottleService } from './login-throttle.service';
import type { SessionUser } from './session.service';
import { UsersService } from './users.service';

/** The admin panel's log-in: credentials checked by UsersService, attempts throttled by LoginThrottleService. */
@Injectable()
export class PanelLoginService {
  constructor(
    private readonly users: UsersService,
    private readonly throttle: LoginThrottleService,
  ) {}

  /**
   * The session user when the credentials match an enabled account, `null` when they do not; throws
   * {@link AuthErrorCode.LoginLocked} while this email is locked for this address, or the address for every
   * email (even with the right password). The attempt is counted before the password is checked.
   */
  async logIn(email: string, password: string, ip: string): Promise<SessionUser | null> {
    const attempt = await this.throttle.begin(email, ip);
    if (!('failureId' in attempt)) throw new AuthError(AuthErrorCode.LoginLocked, describeLock(attempt));
    const user = await this.users.verifyCredentials(email, password);
    if (!user) {
      await this.throttle.failed();
      return null;
    }
    await this.throttle.succeeded(attempt, email, ip);
    return { id: user.id, email: user.email, role: user.role };
  }
}
