import { versionFromIfMatch } from '../common/http-cache';
import { ArticleError, ArticleErrorCode } from './article-error';

/**
 * The version a writer read, from `If-Match: "<version>"` or a `version` member; both may be given if
 * they agree. With `required`, a blind write (neither) is refused with 428 rather than risking a lost update.
 */
export function expectedVersion(ifMatch: string | undefined, bodyVersion: number | undefined, required: boolean): number | undefined {
  const fromHeader = versionFromIfMatch(ifMatch);
  if (fromHeader === 'invalid') {
    throw new ArticleError(ArticleErrorCode.InvalidRequest, 'If-Match must name the version you read, e.g. If-Match: "3"');
  }
  if (fromHeader !== undefined && bodyVersion !== undefined && fromHeader !== bodyVersion) {
    throw new ArticleError(ArticleErrorCode.InvalidRequest, `If-Match names version ${fromHeader} but the body says ${bodyVersion}`);
  }
  const version = fromHeader ?? bodyVersion;
  if (version === undefined && required) {
    throw new ArticleError(ArticleErrorCode.VersionRequired, 'send the version you read, as If-Match: "<version>" or "version" in the body');
  }
  return version;
}
