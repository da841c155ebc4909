import { DomainError } from '../common/domain-error';

export enum AuthorErrorCode {
  NotFound = 'AUTHOR_NOT_FOUND',
  AlreadyExists = 'AUTHOR_ALREADY_EXISTS',
  InvalidMerge = 'AUTHOR_INVALID_MERGE',
}

const STATUS: Record<AuthorErrorCode, number> = {
  [AuthorErrorCode.NotFound]: 404,
  [AuthorErrorCode.AlreadyExists]: 409,
  [AuthorErrorCode.InvalidMerge]: 409,
};

export class AuthorError extends DomainError<AuthorErrorCode> {
  readonly domain = 'authors';
  constructor(code: AuthorErrorCode, message: string, extensions: Record<string, unknown> = {}) {
    super(code, message, STATUS[code], extensions);
  }
}
