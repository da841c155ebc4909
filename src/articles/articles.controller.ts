import { Body, Controller, Get, Headers, Param, Patch, Post, Query, Req, Res, UseGuards } from '@nestjs/common';
import { IdParamPipe } from '../common/id-param.pipe';
import { ApiBearerAuth, ApiCookieAuth, ApiHeader, ApiOperation, ApiParam, ApiResponse, ApiTags } from '@nestjs/swagger';
import { ApiCacheableRead, ApiCreated, ETAG_HEADER } from '../common/api-responses.decorator';
import type { Request, Response } from 'express';
import { type Actor, Permission } from '../auth/actor';
import { ActorGuard } from '../auth/actor.guard';
import { CurrentActor, Needs, OptionalAuth } from '../auth/current-actor.decorator';
import { ApiProblems } from '../common/api-problems.decorator';
import { articleSurrogateKey, authorSurrogateKey, LIST_SURROGATE_KEY, sectionSurrogateKey, sendCacheable } from '../common/http-cache';
import { ArticleFeedService } from './article-feed.service';
import { ArticleDetailView, ArticlePageView } from './article-views';
import { ArticlesService } from './articles.service';
import { ArticleListQueryDto, ResponseFormatQueryDto } from './dto/article-list-query.dto';
import { CreateArticleDto, UpdateArticleDto } from './dto/article-write.dto';
import { ArticlePreconditions } from './article-preconditions';
import { NINJS_ITEM_SCHEMA, NINJS_MEDIA_TYPE, NINJS_PAGE_SCHEMA } from './ninjs';
import { NinjsService } from './ninjs.service';

export const READ_AUTH_NOTE =
  'Public without credentials (published articles only). With a token holding content:read, or a signed-in editor, drafts and unpublished articles are visible too.';

export const IF_MATCH_HEADER = {
  name: 'If-Match',
  required: false,
  description: 'The ETag a GET of the article returned (strong; weak tags never match), or "<version>"; 412 when the article has changed since',
};

@ApiTags('Articles')
@ApiBearerAuth()
@ApiCookieAuth()
@Controller('api/articles')
@UseGuards(ActorGuard)
export class ArticlesController {
  constructor(
    private readonly feed: ArticleFeedService,
    private readonly articles: ArticlesService,
    private readonly preconditions: ArticlePreconditions,
    private readonly ninjs: NinjsService,
  ) {}

  @Get()
  @OptionalAuth()
  @ApiOperation({ summary: 'List articles, newest first (or in the order of sort), or search them (q)', description: READ_AUTH_NOTE })
  @ApiCacheableRead(ArticlePageView, NINJS_PAGE_SCHEMA)
  @ApiProblems(400, 401, 403)
  async list(@Query() query: ArticleListQueryDto, @CurrentActor() actor: Actor | undefined, @Req() request: Request, @Res() response: Response): Promise<void> {
    const page = await this.feed.list(query, actor);
    const ninjs = wantsNinjs(request, query.format);
    sendCacheable(request, response, ninjs ? this.ninjs.page(page) : page, {
      shared: actor === undefined,
      contentType: ninjs ? NINJS_MEDIA_TYPE : undefined,
      surrogateKeys: [LIST_SURROGATE_KEY, ...page.items.map((item) => articleSurrogateKey(item.id))],
    });
  }

  @Get(':id')
  @OptionalAuth()
  @ApiOperation({ summary: 'One article by slug (or, with content:read, by numeric id)', description: `${READ_AUTH_NOTE} Sends ETag and Cache-Control; answers 304 to a matching If-None-Match.` })
  @ApiParam({ name: 'id', description: 'The article\'s slug; callers who may read drafts may also give its numeric id', example: 'larijani-baghdad-talks' })
  @ApiCacheableRead(ArticleDetailView, NINJS_ITEM_SCHEMA)
  @ApiProblems(400, 401, 404)
  async get(
    @Param('id') reference: string,
    @Query() query: ResponseFormatQueryDto,
    @CurrentActor() actor: Actor | undefined,
    @Req() request: Request,
    @Res() response: Response,
  ): Promise<void> {
    const article = await this.feed.get(reference, actor);
    const ninjs = wantsNinjs(request, query.format);
    sendCacheable(request, response, ninjs ? this.ninjs.article(article) : article, {
      shared: actor === undefined,
      contentType: ninjs ? NINJS_MEDIA_TYPE : undefined,
      surrogateKeys: [
        articleSurrogateKey(article.id),
        ...article.bylines.map((byline) => authorSurrogateKey(byline.id)),
        ...article.photos.flatMap((photo) => (photo.photographer ? [authorSurrogateKey(photo.photographer.id)] : [])),
        ...(article.section ? [sectionSurrogateKey(article.section.id)] : []),
      ],
    });
  }

  @Post()
  @Needs(Permission.EditDraft)
  @ApiOperation({ summary: 'Create a draft article', description: 'Needs content:write (or a signed-in editor or contributor).' })
  @ApiCreated(ArticleDetailView, '/api/articles/42', { ETag: ETAG_HEADER })
  @ApiProblems(400, 401, 403, 409, 413)
  async create(@Body() body: CreateArticleDto, @CurrentActor() actor: Actor, @Res({ passthrough: true }) response: Response): Promise<ArticleDetailView> {
    const created = await this.articles.create(body, actor);
    response.location(`/api/articles/${created.id}`);
    return this.preconditions.answer(created, response);
  }

  @Patch(':id')
  @Needs(Permission.EditDraft)
  @ApiOperation({
    summary: 'Change headline, body or slug',
    description:
      'Needs content:write. Say what you read: If-Match with the ETag a GET returned (or "<version>"), or "version" in the body. ' +
      'A stale If-Match gets 412, a stale body version 409, both with currentVersion; neither gets 428. ' +
      'Sending what the article already says changes nothing: the answer is the article as it is, at the same version, with no revision and no article.updated.',
  })
  @ApiHeader(IF_MATCH_HEADER)
  @ApiResponse({ status: 200, type: ArticleDetailView, description: 'The article as it now is', headers: { ETag: ETAG_HEADER } })
  @ApiProblems(400, 401, 403, 404, 409, 412, 413, 428)
  async update(
    @Param('id', IdParamPipe) id: number,
    @Body() { version, ...changes }: UpdateArticleDto,
    @Headers('if-match') ifMatch: string | undefined,
    @CurrentActor() actor: Actor,
    @Res({ passthrough: true }) response: Response,
  ): Promise<ArticleDetailView> {
    return this.preconditions.write(id, { ifMatch, bodyVersion: version, required: true }, response, async (expected) => (await this.articles.update(id, changes, expected!, actor)).article);
  }
}


/** ninjs when asked for by `?format=ninjs` or an Accept header naming its media type. */
export function wantsNinjs(request: Request, format: string | undefined): boolean {
  if (format !== undefined) return format === 'ninjs';
  return (request.headers.accept ?? '').toLowerCase().includes(NINJS_MEDIA_TYPE);
}
