import { DomainError } from '../common/domain-error';

export enum AuthErrorCode {
  EmailTaken = 'EMAIL_TAKEN',
  UserNotFound = 'USER_NOT_FOUND',
  WeakPassword = 'WEAK_PASSWORD',
  Forbidden = 'FORBIDDEN',
  Unauthenticated = 'UNAUTHENTICATED',
  TokenNotFound = 'TOKEN_NOT_FOUND',
  LoginLocked = 'LOGIN_LOCKED',
  InvalidRole = 'INVALID_ROLE',
  InvalidTokenRequest = 'INVALID_TOKEN_REQUEST',
  /** A state-changing request with the session cookie that came from another origin (CSRF). */
  CrossSiteRequest = 'CROSS_SITE_REQUEST',
  /** A form-encoded (or text/plain) body sent to the JSON API: what a cross-site form would send. */
  FormBodyRefused = 'FORM_BODY_REFUSED',
  /** The change would leave no enabled admin: nobody could manage users, tokens or webhooks any more. */
  LastAdmin = 'LAST_ADMIN',
}

const STATUS: Record<AuthErrorCode, number> = {
  [AuthErrorCode.EmailTaken]: 409,
  [AuthErrorCode.UserNotFound]: 404,
  [AuthErrorCode.WeakPassword]: 400,
  [AuthErrorCode.Forbidden]: 403,
  [AuthErrorCode.Unauthenticated]: 401,
  [AuthErrorCode.TokenNotFound]: 404,
  [AuthErrorCode.LoginLocked]: 429,
  [AuthErrorCode.InvalidRole]: 400,
  [AuthErrorCode.InvalidTokenRequest]: 400,
  [AuthErrorCode.CrossSiteRequest]: 403,
  [AuthErrorCode.FormBodyRefused]: 415,
  [AuthErrorCode.LastAdmin]: 409,
};

export class AuthError extends DomainError<AuthErrorCode> {
  readonly domain = 'auth';
  constructor(code: AuthErrorCode, message: string) {
    super(code, message, STATUS[code]);
  }
}
