import { Injectable } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { Actor, assertCan, Permission } from '../auth/actor';
import { resolveSessionSecret } from '../auth/session-secret';
import type { EnvironmentVariables } from '../config/environment';
import { ArticleError, ArticleErrorCode } from './article-error';
import { ArticleFeedService } from './article-feed.service';
import type { ArticleDetailView } from './article-views';
import { PreviewLinkSigner } from './preview-links';

export interface PreviewLink {
  path: string;
  expiresAt: Date;
}

/** A shared preview: the article as it stands now, and until when the link that opened it works. */
export interface SharedPreview {
  article: ArticleDetailView;
  expiresAt: Date;
}

/**
 * The article as readers will see it, before it is published: for the desk (ReadDrafts), and through a
 * signed, time-limited link for someone without an account. The view is the API's detail view, read fresh
 * each time, so a link shows the latest saved copy, not the copy at the moment it was shared.
 */
@Injectable()
export class ArticlePreviewService {
  private signer?: Promise<PreviewLinkSigner>;

  constructor(
    private readonly feed: ArticleFeedService,
    private readonly config: ConfigService<EnvironmentVariables, true>,
  ) {}

  async view(id: number, actor: Actor): Promise<ArticleDetailView> {
    assertCan(actor, Permission.ReadDrafts);
    return this.feed.detail({ id });
  }

  /** Sharing a draft outside the newsroom is for those who work on its copy. */
  async createLink(id: number, actor: Actor, now: Date = new Date()): Promise<PreviewLink> {
    assertCan(actor, Permission.EditDraft);
    await this.feed.detail({ id });
    const hours = this.config.get('PREVIEW_LINK_HOURS', { infer: true });
    const expiresAt = new Date(now.getTime() + hours * 3_600_000);
    const token = (await this.linkSigner()).sign({ articleId: id, expiresAt });
    return { path: `/preview/${token}`, expiresAt: new Date(Math.floor(expiresAt.getTime() / 1000) * 1000) };
  }

  /** An expired link says so (410); a link that was altered, made up or names a deleted article is simply not found. */
  async readShared(token: string, now: Date = new Date()): Promise<SharedPreview> {
    const check = (await this.linkSigner()).check(token, now);
    if (!check.valid && check.reason === 'expired') {
      throw new ArticleError(ArticleErrorCode.PreviewLinkExpired, `this preview link expired at ${check.expiresAt!.toISOString()}; ask the desk for a new one`);
    }
    if (!check.valid) throw new ArticleError(ArticleErrorCode.PreviewLinkInvalid, 'this preview link is not valid');
    try {
      return { article: await this.feed.detail({ id: check.grant.articleId }), expiresAt: check.grant.expiresAt };
    } catch (error) {
      if (error instanceof ArticleError && error.code === ArticleErrorCode.NotFound) {
        throw new ArticleError(ArticleErrorCode.PreviewLinkInvalid, 'the article this preview link was for no longer exists');
      }
      throw error;
    }
  }

  private linkSigner(): Promise<PreviewLinkSigner> {
    this.signer ??= resolveSessionSecret({
      SESSION_SECRET: this.config.get('SESSION_SECRET', { infer: true }),
      DATA_DIR: this.config.get('DATA_DIR', { infer: true }),
    }).then((secret) => new PreviewLinkSigner(secret));
    return this.signer;
  }
}
