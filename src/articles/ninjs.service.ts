import { Injectable } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import type { EnvironmentVariables } from '../config/environment';
import { NinjsRights } from '../config/ninjs-rights';
import type { ArticleDetailView, ArticlePageView, AuthorPageView } from './article-views';
import { articleToNinjs, authorPageToNinjs, type NinjsAuthorPage, type NinjsItem, type NinjsOptions, summaryToNinjs } from './ninjs';

/** The API's views as IPTC ninjs 3.1, with this installation's public URL and rights (PUBLIC_BASE_URL, NINJS_RIGHTS). */
@Injectable()
export class NinjsService {
  private readonly options: NinjsOptions;

  constructor(config: ConfigService<EnvironmentVariables, true>) {
    // Start-up validation has already refused a malformed NINJS_RIGHTS, so this parse cannot fail.
    this.options = { publicBaseUrl: config.get('PUBLIC_BASE_URL', { infer: true }), rights: NinjsRights.parse(config.get('NINJS_RIGHTS', { infer: true })) };
  }

  article(article: ArticleDetailView): NinjsItem {
    return articleToNinjs(article, this.options);
  }

  page(page: ArticlePageView): { items: NinjsItem[]; nextCursor: string | null } {
    return { items: page.items.map((item) => summaryToNinjs(item, this.options)), nextCursor: page.nextCursor };
  }

  authorPage(page: AuthorPageView): NinjsAuthorPage {
    return authorPageToNinjs(page, this.options);
  }
}
