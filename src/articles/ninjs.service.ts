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
  /**
   * ninjs of views the public content cache hands out again and again (the same object until a write drops it),
   * so a popular story is converted, and its language detected, once rather than per request.
   */
  private readonly converted = new WeakMap<object, unknown>();

  constructor(config: ConfigService<EnvironmentVariables, true>) {
    // Start-up validation has already refused a malformed NINJS_RIGHTS, so this parse cannot fail.
    this.options = { publicBaseUrl: config.get('PUBLIC_BASE_URL', { infer: true }), rights: NinjsRights.parse(config.get('NINJS_RIGHTS', { infer: true })) };
  }

  article(article: ArticleDetailView): NinjsItem {
    return this.once(article, () => articleToNinjs(article, this.options));
  }

  page(page: ArticlePageView): { items: NinjsItem[]; nextCursor: string | null } {
    return this.once(page, () => ({ items: page.items.map((item) => summaryToNinjs(item, this.options)), nextCursor: page.nextCursor }));
  }

  authorPage(page: AuthorPageView): NinjsAuthorPage {
    return this.once(page, () => authorPageToNinjs(page, this.options));
  }

  private once<T>(view: object, convert: () => T): T {
    if (this.converted.has(view)) return this.converted.get(view) as T;
    const result = convert();
    this.converted.set(view, result);
    return result;
  }
}
