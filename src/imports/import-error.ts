import { DomainError } from '../common/domain-error';

export enum ImportErrorCode {
  NotFound = 'IMPORT_NOT_FOUND',
  Empty = 'IMPORT_EMPTY',
  Binary = 'IMPORT_BINARY',
  InvalidUtf8 = 'IMPORT_INVALID_UTF8',
  LineTooLong = 'IMPORT_LINE_TOO_LONG',
  NoArticles = 'IMPORT_NO_ARTICLES',
  TooLarge = 'IMPORT_TOO_LARGE',
  UnsupportedType = 'IMPORT_UNSUPPORTED_TYPE',
  FileMissing = 'IMPORT_FILE_MISSING',
  /** A multipart body sent to a route that takes no upload. */
  MultipartRefused = 'IMPORT_MULTIPART_REFUSED',
  MalformedUpload = 'IMPORT_MALFORMED_UPLOAD',
  /** This instance is already receiving as many uploads as it may (IMPORT_MAX_CONCURRENT_UPLOADS). */
  Busy = 'IMPORT_BUSY',
  /** Retry asked for an import that is not failed or stalled, or whose bytes are gone. */
  NotRetryable = 'IMPORT_NOT_RETRYABLE',
  /** A report page asked for with an unknown section or a page number that is not a positive whole number. */
  InvalidReportPage = 'IMPORT_INVALID_REPORT_PAGE',
}

const STATUS: Record<ImportErrorCode, number> = {
  [ImportErrorCode.NotFound]: 404,
  [ImportErrorCode.Empty]: 422,
  [ImportErrorCode.Binary]: 422,
  [ImportErrorCode.InvalidUtf8]: 422,
  [ImportErrorCode.LineTooLong]: 422,
  [ImportErrorCode.NoArticles]: 422,
  [ImportErrorCode.TooLarge]: 413,
  [ImportErrorCode.UnsupportedType]: 415,
  [ImportErrorCode.FileMissing]: 400,
  [ImportErrorCode.MultipartRefused]: 415,
  [ImportErrorCode.MalformedUpload]: 400,
  [ImportErrorCode.Busy]: 503,
  [ImportErrorCode.NotRetryable]: 409,
  [ImportErrorCode.InvalidReportPage]: 400,
};

export class ImportError extends DomainError<ImportErrorCode> {
  readonly domain = 'imports';
  constructor(code: ImportErrorCode, message: string, extensions: Record<string, unknown> = {}) {
    super(code, message, STATUS[code], extensions);
  }
}
