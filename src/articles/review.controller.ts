import { Body, Controller, Get, Headers, HttpCode, Param, Post, Res, UseGuards } from '@nestjs/common';
import type { Response } from 'express';
import { IdParamPipe } from '../common/id-param.pipe';
import { ApiBearerAuth, ApiCookieAuth, ApiHeader, ApiOkResponse, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import { type Actor, Permission } from '../auth/actor';
import { ActorGuard } from '../auth/actor.guard';
import { CurrentActor, Needs } from '../auth/current-actor.decorator';
import { ApiProblems } from '../common/api-problems.decorator';
import { ETAG_HEADER } from '../common/api-responses.decorator';
import { ArticlePreconditions } from './article-preconditions';
import { ArticleDetailView } from './article-views';
import { TransitionDto } from './dto/article-write.dto';
import { ArticleSourceResponse } from './dto/review.dto';
import { IF_MATCH_HEADER } from './articles.controller';
import { ReviewService } from './review.service';

@ApiTags('Review')
@ApiBearerAuth()
@ApiCookieAuth()
@Controller('api/articles/:id')
@UseGuards(ActorGuard)
export class ReviewController {
  constructor(
    private readonly review: ReviewService,
    private readonly preconditions: ArticlePreconditions,
  ) {}

  @Get('source')
  @Needs(Permission.ReadDrafts)
  @ApiOperation({
    summary: 'The dump lines an imported article was read from, with what the parser guessed',
    description: 'Needs content:read (or a signed-in editor or contributor). Kept for articles imported with anomalies; 404 for others.',
  })
  @ApiOkResponse({ type: ArticleSourceResponse })
  @ApiProblems(400, 401, 403, 404)
  source(@Param('id', IdParamPipe) id: number, @CurrentActor() actor: Actor): Promise<ArticleSourceResponse> {
    return this.review.source(id, actor);
  }

  @Post('review')
  @Needs(Permission.EditDraft)
  @HttpCode(200)
  @ApiOperation({
    summary: 'Mark what the parser guessed as checked',
    description: 'Needs content:write. Takes the article out of the Needs review queue; History records who did it and which anomalies it had. 409 when it does not need review or the version is stale.',
  })
  @ApiHeader(IF_MATCH_HEADER)
  @ApiResponse({ status: 200, type: ArticleDetailView, description: 'The article as it now is', headers: { ETag: ETAG_HEADER } })
  @ApiProblems(400, 401, 403, 404, 409, 412)
  async markReviewed(
    @Param('id', IdParamPipe) id: number,
    @Body() body: TransitionDto,
    @Headers('if-match') ifMatch: string | undefined,
    @CurrentActor() actor: Actor,
    @Res({ passthrough: true }) response: Response,
  ): Promise<ArticleDetailView> {
    return this.preconditions.write(id, { ifMatch, bodyVersion: body.version, required: false }, response, (expected) => this.review.markReviewed(id, actor, expected));
  }
}
