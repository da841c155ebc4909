import { Body, Controller, Get, Param, Patch, Post, Query, Req, Res, UseGuards } from '@nestjs/common';
import { IdParamPipe } from '../common/id-param.pipe';
import { ApiBearerAuth, ApiCookieAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { ArticleFeedService } from '../articles/article-feed.service';
import { READ_AUTH_NOTE, wantsNinjs } from '../articles/articles.controller';
import { NINJS_AUTHOR_PAGE_SCHEMA, NINJS_MEDIA_TYPE } from '../articles/ninjs';
import { NinjsService } from '../articles/ninjs.service';
import { AuthorPageView } from '../articles/article-views';
import { PageQueryDto } from '../articles/dto/article-list-query.dto';
import { type Actor, Permission } from '../auth/actor';
import { ActorGuard } from '../auth/actor.guard';
import { CurrentActor, Needs, OptionalAuth } from '../auth/current-actor.decorator';
import { ApiProblems } from '../common/api-problems.decorator';
import { ApiCacheableRead, ApiCreated } from '../common/api-responses.decorator';
import { articleSurrogateKey, authorSurrogateKey, LIST_SURROGATE_KEY, sendCacheable } from '../common/http-cache';
import { AuthorsService } from './authors.service';
import { AuthorView, CreateAuthorDto, UpdateAuthorDto } from './dto/author.dto';

@ApiTags('Authors')
@ApiBearerAuth()
@ApiCookieAuth()
@Controller('api/authors')
@UseGuards(ActorGuard)
export class AuthorsController {
  constructor(
    private readonly authors: AuthorsService,
    private readonly feed: ArticleFeedService,
    private readonly ninjs: NinjsService,
  ) {}

  @Get(':id')
  @OptionalAuth()
  @ApiOperation({ summary: 'An author and their work, newest first (same filters and cursor as the article list)', description: READ_AUTH_NOTE })
  @ApiCacheableRead(AuthorPageView, NINJS_AUTHOR_PAGE_SCHEMA)
  @ApiProblems(400, 401, 403, 404)
  async get(
    @Param('id', IdParamPipe) id: number,
    @Query() query: PageQueryDto,
    @CurrentActor() actor: Actor | undefined,
    @Req() request: Request,
    @Res() response: Response,
  ): Promise<void> {
    const page = await this.feed.authorPage(id, query, actor);
    const ninjs = wantsNinjs(request, query.format);
    sendCacheable(request, response, ninjs ? this.ninjs.authorPage(page) : page, {
      shared: actor === undefined,
      contentType: ninjs ? NINJS_MEDIA_TYPE : undefined,
      surrogateKeys: [authorSurrogateKey(id), LIST_SURROGATE_KEY, ...page.articles.items.map((item) => articleSurrogateKey(item.id))],
    });
  }

  @Post()
  @Needs(Permission.EditDraft)
  @ApiOperation({ summary: 'Add an author', description: 'Needs content:write. A spelling variant of an existing name gets 409 with existingAuthorId.' })
  @ApiCreated(AuthorView, '/api/authors/12')
  @ApiProblems(400, 401, 403, 409)
  async create(@Body() body: CreateAuthorDto, @CurrentActor() actor: Actor, @Res({ passthrough: true }) response: Response): Promise<AuthorView> {
    const author = await this.authors.create(body, actor);
    response.location(`/api/authors/${author.id}`);
    return AuthorView.of(author);
  }

  @Patch(':id')
  @Needs(Permission.EditDraft)
  @ApiOperation({ summary: 'Rename an author', description: 'Needs content:write.' })
  @ApiOkResponse({ type: AuthorView })
  @ApiProblems(400, 401, 403, 404, 409)
  async update(@Param('id', IdParamPipe) id: number, @Body() body: UpdateAuthorDto, @CurrentActor() actor: Actor): Promise<AuthorView> {
    return AuthorView.of((await this.authors.update(id, body, actor)).author);
  }
}
