import { Body, Controller, Get, Headers, Param, Patch, Post, Query, Req, Res, UseGuards } from '@nestjs/common';
import { IdParamPipe } from '../common/id-param.pipe';
import { ApiBearerAuth, ApiCookieAuth, ApiHeader, ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { type Actor, Permission } from '../auth/actor';
import { ActorGuard } from '../auth/actor.guard';
import { CurrentActor, Needs, OptionalAuth } from '../auth/current-actor.decorator';
import { ApiProblems } from '../common/api-problems.decorator';
import { sendCacheable } from '../common/http-cache';
import { ArticleFeedService } from './article-feed.service';
import { ArticleDetailView, ArticlePageView } from './article-views';
import { ArticlesService } from './articles.service';
import { ArticleListQueryDto, ResponseFormatQueryDto } from './dto/article-list-query.dto';
import { CreateArticleDto, UpdateArticleDto } from './dto/article-write.dto';
import { expectedVersion } from './expected-version';
import { articleToNinjs, NINJS_MEDIA_TYPE, summaryToNinjs } from './ninjs';

export const READ_AUTH_NOTE =
  'Public without credentials (published articles only). With a token holding content:read, or a signed-in editor, drafts and unpublished articles are visible too.';

@ApiTags('Articles')
@ApiBearerAuth()
@ApiCookieAuth()
@Controller('api/articles')
@UseGuards(ActorGuard)
export class ArticlesController {
  constructor(
    private readonly feed: ArticleFeedService,
    private readonly articles: ArticlesService,
  ) {}

  @Get()
  @OptionalAuth()
  @ApiOperation({ summary: 'List articles, newest first, or search them (q)', description: READ_AUTH_NOTE })
  @ApiProduces('application/json', NINJS_MEDIA_TYPE)
  @ApiOkResponse({ type: ArticlePageView })
  @ApiProblems(400, 401, 403)
  async list(@Query() query: ArticleListQueryDto, @CurrentActor() actor: Actor | undefined, @Req() request: Request, @Res() response: Response): Promise<void> {
    const page = await this.feed.list(query, actor);
    const ninjs = wantsNinjs(request, query.format);
    sendCacheable(request, response, ninjs ? { items: page.items.map(summaryToNinjs), nextCursor: page.nextCursor } : page, {
      shared: actor === undefined,
      contentType: ninjs ? NINJS_MEDIA_TYPE : undefined,
    });
  }

  @Get(':reference')
  @OptionalAuth()
  @ApiOperation({ summary: 'One article by slug (or, with content:read, by numeric id)', description: `${READ_AUTH_NOTE} Sends ETag and Cache-Control; answers 304 to a matching If-None-Match.` })
  @ApiProduces('application/json', NINJS_MEDIA_TYPE)
  @ApiOkResponse({ type: ArticleDetailView })
  @ApiProblems(400, 401, 404)
  async get(
    @Param('reference') reference: string,
    @Query() query: ResponseFormatQueryDto,
    @CurrentActor() actor: Actor | undefined,
    @Req() request: Request,
    @Res() response: Response,
  ): Promise<void> {
    const article = await this.feed.get(reference, actor);
    const ninjs = wantsNinjs(request, query.format);
    sendCacheable(request, response, ninjs ? articleToNinjs(article) : article, { shared: actor === undefined, contentType: ninjs ? NINJS_MEDIA_TYPE : undefined });
  }

  @Post()
  @Needs(Permission.EditDraft)
  @ApiOperation({ summary: 'Create a draft article', description: 'Needs content:write (or a signed-in editor or contributor).' })
  @ApiOkResponse({ type: ArticleDetailView })
  @ApiProblems(400, 401, 403, 409, 413)
  async create(@Body() body: CreateArticleDto, @CurrentActor() actor: Actor): Promise<ArticleDetailView> {
    return this.feed.detail(await this.articles.create(body, actor));
  }

  @Patch(':id')
  @Needs(Permission.EditDraft)
  @ApiOperation({
    summary: 'Change headline, body or slug',
    description:
      'Needs content:write. Name the version you read with If-Match: "<version>" or "version"; a stale version gets 409 with currentVersion. ' +
      'Sending what the article already says changes nothing: the answer is the article as it is, at the same version, with no revision and no article.updated.',
  })
  @ApiHeader({ name: 'If-Match', required: false, description: 'The version you read, e.g. "3"' })
  @ApiOkResponse({ type: ArticleDetailView })
  @ApiProblems(400, 401, 403, 404, 409, 413, 428)
  async update(
    @Param('id', IdParamPipe) id: number,
    @Body() { version, ...changes }: UpdateArticleDto,
    @Headers('if-match') ifMatch: string | undefined,
    @CurrentActor() actor: Actor,
  ): Promise<ArticleDetailView> {
    return this.feed.detail((await this.articles.update(id, changes, expectedVersion(ifMatch, version, true)!, actor)).article);
  }
}

/** ninjs when asked for by `?format=ninjs` or an Accept header naming its media type. */
function wantsNinjs(request: Request, format: string | undefined): boolean {
  if (format !== undefined) return format === 'ninjs';
  return (request.headers.accept ?? '').toLowerCase().includes(NINJS_MEDIA_TYPE);
}
