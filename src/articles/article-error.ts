import { DomainError } from '../common/domain-error';

export enum ArticleErrorCode {
  NotFound = 'ARTICLE_NOT_FOUND',
  VersionConflict = 'ARTICLE_VERSION_CONFLICT',
  SlugTaken = 'ARTICLE_SLUG_TAKEN',
  InvalidTransition = 'ARTICLE_INVALID_TRANSITION',
  ScheduleInPast = 'ARTICLE_SCHEDULE_IN_PAST',
  UnresolvedDuplicate = 'ARTICLE_UNRESOLVED_DUPLICATE',
  InvalidRequest = 'ARTICLE_INVALID_REQUEST',
  InvalidQuery = 'ARTICLE_INVALID_QUERY',
  VersionRequired = 'ARTICLE_VERSION_REQUIRED',
  UnknownCaption = 'ARTICLE_UNKNOWN_CAPTION',
  /** If-Match named an ETag (or version) the article no longer has. */
  PreconditionFailed = 'ARTICLE_PRECONDITION_FAILED',
  PreviewLinkInvalid = 'ARTICLE_PREVIEW_LINK_INVALID',
  PreviewLinkExpired = 'ARTICLE_PREVIEW_LINK_EXPIRED',
  SectionRequired = 'ARTICLE_SECTION_REQUIRED',
}

const STATUS: Record<ArticleErrorCode, number> = {
  [ArticleErrorCode.NotFound]: 404,
  [ArticleErrorCode.VersionConflict]: 409,
  [ArticleErrorCode.SlugTaken]: 409,
  [ArticleErrorCode.InvalidTransition]: 409,
  [ArticleErrorCode.ScheduleInPast]: 400,
  [ArticleErrorCode.UnresolvedDuplicate]: 409,
  [ArticleErrorCode.InvalidRequest]: 400,
  [ArticleErrorCode.InvalidQuery]: 400,
  [ArticleErrorCode.VersionRequired]: 428,
  [ArticleErrorCode.UnknownCaption]: 400,
  [ArticleErrorCode.PreconditionFailed]: 412,
  [ArticleErrorCode.PreviewLinkInvalid]: 404,
  [ArticleErrorCode.PreviewLinkExpired]: 410,
  [ArticleErrorCode.SectionRequired]: 409,
};

export class ArticleError extends DomainError<ArticleErrorCode> {
  readonly domain = 'articles';
  constructor(code: ArticleErrorCode, message: string, extensions: Record<string, unknown> = {}) {
    super(code, message, STATUS[code], extensions);
  }

  static notFound(reference: number | string): ArticleError {
    return new ArticleError(ArticleErrorCode.NotFound, `no article ${typeof reference === 'number' ? `with id ${reference}` : `with slug "${reference}"`}`);
  }
}
