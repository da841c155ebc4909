import { Body, Controller, HttpCode, Param, Post, Res, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiCookieAuth, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { type Actor, Permission } from '../auth/actor';
import { ActorGuard } from '../auth/actor.guard';
import { CurrentActor, Needs } from '../auth/current-actor.decorator';
import { ApiProblems } from '../common/api-problems.decorator';
import { ETAG_HEADER } from '../common/api-responses.decorator';
import { IdParamPipe } from '../common/id-param.pipe';
import { ArticleFeedService } from './article-feed.service';
import { ArticlePreconditions } from './article-preconditions';
import { ArticleDetailView } from './article-views';
import { DismissDuplicateDto, MergeDuplicateDto, MergedView } from './dto/duplicate.dto';
import { DuplicatesService } from './duplicates.service';

const PAIR_VERSIONS =
  'Optionally name the versions you compared: "version" (this article) and "originalVersion" (the one it was flagged against); either stale gets 409 and changes nothing.';

/** The duplicates queue over the API: the same DuplicatesService the panel's Duplicates screen uses. */
@ApiTags('Duplicates')
@ApiBearerAuth()
@ApiCookieAuth()
@Controller('api/articles/:id')
@UseGuards(ActorGuard)
@Needs(Permission.MergeDuplicates)
export class DuplicatesController {
  constructor(
    private readonly duplicates: DuplicatesService,
    private readonly feed: ArticleFeedService,
    private readonly preconditions: ArticlePreconditions,
  ) {}

  @Post('merge')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Resolve a flagged duplicate by keeping one of the pair',
    description: `Needs content:write. "keep" is this article or the one it duplicates; the other is unpublished and merged into it (captions and bylines move over). ${PAIR_VERSIONS}`,
  })
  @ApiResponse({ status: 200, type: MergedView, description: 'Both articles as they now are' })
  @ApiProblems(400, 401, 403, 404, 409)
  async merge(@Param('id', IdParamPipe) id: number, @Body() body: MergeDuplicateDto, @CurrentActor() actor: Actor): Promise<MergedView> {
    const { kept, retired } = await this.duplicates.merge(id, body.keep, actor, body.version, body.originalVersion);
    return { kept: await this.feed.detail(kept), retired: await this.feed.detail(retired) };
  }

  @Post('not-a-duplicate')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Clear a duplicate flag: the two articles are different stories',
    description: `Needs content:write. The article can then be published; the importer will not flag the same pair again. ${PAIR_VERSIONS}`,
  })
  @ApiResponse({ status: 200, type: ArticleDetailView, description: 'The article as it now is', headers: { ETag: ETAG_HEADER } })
  @ApiProblems(400, 401, 403, 404, 409)
  async dismiss(
    @Param('id', IdParamPipe) id: number,
    @Body() body: DismissDuplicateDto,
    @CurrentActor() actor: Actor,
    @Res({ passthrough: true }) response: Response,
  ): Promise<ArticleDetailView> {
    return this.preconditions.answer(await this.duplicates.dismiss(id, actor, body.version, body.originalVersion), response);
  }
}
