import { Injectable } from '@nestjs/common';
import type { Response } from 'express';
import { serialise } from '../common/http-cache';
import { ArticleError, ArticleErrorCode } from './article-error';
import { ArticleFeedService } from './article-feed.service';
import type { ArticleDetailView } from './article-views';
import type { Article } from './article.entity';

/** What the caller said it read: from If-Match (an ETag a GET returned, or "<version>") or a `version` in the body. */
export interface ReadPrecondition {
  ifMatch?: string;
  bodyVersion?: number;
  /** A blind write (neither given) is refused with 428. */
  required: boolean;
}

/**
 * HTTP preconditions for writes to an article (RFC 9110 §13). The ETag of an article is the strong tag of
 * its JSON bytes (the same whichever route sends them: a GET, or the answer to a write), so `If-Match` takes
 * exactly what a GET returned. A tag that no longer matches the article, or a version that is no longer
 * current, answers 412; a weak tag never matches for If-Match. `"<version>"` and a `version` member keep
 * working (a stale body version stays 409, with currentVersion, as before).
 */
@Injectable()
export class ArticlePreconditions {
  constructor(private readonly feed: ArticleFeedService) {}

  /**
   * Runs `write` with the version the caller read, then answers with the article as it now is and its new ETag.
   * The version is checked again inside the write's transaction, under the row lock.
   */
  async write(id: number, precondition: ReadPrecondition, response: Response, write: (expectedVersion: number | undefined) => Promise<Pick<Article, 'id'>>): Promise<ArticleDetailView> {
    const fromHeader = await this.versionNamedByIfMatch(id, precondition.ifMatch);
    const { bodyVersion } = precondition;
    if (fromHeader !== undefined && bodyVersion !== undefined && fromHeader !== bodyVersion) {
      throw new ArticleError(ArticleErrorCode.InvalidRequest, `If-Match names version ${fromHeader} but the body says ${bodyVersion}`);
    }
    const expected = fromHeader ?? bodyVersion;
    if (expected === undefined && precondition.required) {
      throw new ArticleError(ArticleErrorCode.VersionRequired, 'say what you read: send the ETag of your GET as If-Match (or "version" in the body)');
    }
    let written: Pick<Article, 'id'>;
    try {
      written = await write(expected);
    } catch (error) {
      // A stale If-Match is a failed precondition; a stale body version keeps its 409.
      if (fromHeader !== undefined && error instanceof ArticleError && error.code === ArticleErrorCode.VersionConflict) {
        throw new ArticleError(ArticleErrorCode.PreconditionFailed, error.message, error.extensions);
      }
      throw error;
    }
    return this.answer(written, response);
  }

  /** The article as it now is, with its ETag set on the response (for a create, also its Location). */
  async answer(article: Pick<Article, 'id'>, response: Response): Promise<ArticleDetailView> {
    const view = await this.feed.detail(article);
    response.setHeader('ETag', serialise(view).etag);
    return view;
  }

  private async versionNamedByIfMatch(id: number, header: string | undefined): Promise<number | undefined> {
    if (header === undefined) return undefined;
    const tags = header.split(',').map((tag) => tag.trim()).filter(Boolean);
    if (tags.length === 0 || tags.some((tag) => !/^(W\/)?"[\x21\x23-\x7e]*"$/.test(tag))) {
      throw new ArticleError(ArticleErrorCode.InvalidRequest, 'If-Match must be the ETag a GET of this article returned, e.g. If-Match: "Zp3Vq2kq…" (or "<version>")');
    }
    if (tags.length === 1 && /^"\d{1,9}"$/.test(tags[0])) return Number(tags[0].slice(1, -1));
    const current = await this.feed.detail({ id });
    const etag = serialise(current).etag;
    // Strong comparison: a weak tag never matches (RFC 9110 §13.1.1); `*` matches any current article.
    if (tags.some((tag) => tag === etag || tag === '*')) return current.version;
    const weak = tags.every((tag) => tag.startsWith('W/'));
    throw new ArticleError(
      ArticleErrorCode.PreconditionFailed,
      weak
        ? 'If-Match needs a strong ETag: weak tags (W/"…") never match a write (RFC 9110 §13.1.1); send the ETag a GET returned'
        : `article ${id} has changed since the ETag you sent (it is now at version ${current.version}); read it again`,
      { currentVersion: current.version, currentETag: etag },
    );
  }
}
