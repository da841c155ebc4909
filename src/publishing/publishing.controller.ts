import { Body, Controller, Delete, Headers, HttpCode, Param, Post, Res, UseGuards } from '@nestjs/common';
import type { Response } from 'express';
import { IdParamPipe } from '../common/id-param.pipe';
import { ApiBearerAuth, ApiCookieAuth, ApiHeader, ApiResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ArticlePreconditions } from '../articles/article-preconditions';
import { IF_MATCH_HEADER } from '../articles/articles.controller';
import { ArticleDetailView } from '../articles/article-views';
import { ScheduleDto, TransitionDto } from '../articles/dto/article-write.dto';
import { type Actor, Permission } from '../auth/actor';
import { ActorGuard } from '../auth/actor.guard';
import { CurrentActor, Needs } from '../auth/current-actor.decorator';
import { ApiProblems } from '../common/api-problems.decorator';
import { ETAG_HEADER } from '../common/api-responses.decorator';
import { PublishingService } from './publishing.service';


@ApiTags('Publishing')
@ApiBearerAuth()
@ApiCookieAuth()
@Controller('api/articles/:id')
@UseGuards(ActorGuard)
export class PublishingController {
  constructor(
    private readonly publishing: PublishingService,
    private readonly preconditions: ArticlePreconditions,
  ) {}

  @Post('publish')
  @Needs(Permission.Publish)
  @HttpCode(200)
  @ApiOperation({ summary: 'Publish now', description: 'Needs content:publish (or a signed-in editor). Fires article.published webhooks.' })
  @ApiHeader(IF_MATCH_HEADER)
  @ApiResponse({ status: 200, type: ArticleDetailView, description: 'The article as it now is', headers: { ETag: ETAG_HEADER } })
  @ApiProblems(400, 401, 403, 404, 409, 412)
  async publish(@Param('id', IdParamPipe) id: number, @Body() body: TransitionDto, @Headers('if-match') ifMatch: string | undefined, @CurrentActor() actor: Actor, @Res({ passthrough: true }) response: Response): Promise<ArticleDetailView> {
    return this.preconditions.write(id, { ifMatch, bodyVersion: body.version, required: false }, response, (expected) => this.publishing.publish(id, actor, expected));
  }

  @Post('unpublish')
  @Needs(Permission.Publish)
  @HttpCode(200)
  @ApiOperation({ summary: 'Take a published article down', description: 'Needs content:publish. Fires article.unpublished webhooks.' })
  @ApiHeader(IF_MATCH_HEADER)
  @ApiResponse({ status: 200, type: ArticleDetailView, description: 'The article as it now is', headers: { ETag: ETAG_HEADER } })
  @ApiProblems(400, 401, 403, 404, 409, 412)
  async unpublish(@Param('id', IdParamPipe) id: number, @Body() body: TransitionDto, @Headers('if-match') ifMatch: string | undefined, @CurrentActor() actor: Actor, @Res({ passthrough: true }) response: Response): Promise<ArticleDetailView> {
    return this.preconditions.write(id, { ifMatch, bodyVersion: body.version, required: false }, response, (expected) => this.publishing.unpublish(id, actor, expected));
  }

  @Post('spike')
  @Needs(Permission.Publish)
  @HttpCode(200)
  @ApiOperation({ summary: 'Spike (bin) a draft', description: 'Needs content:publish. A draft or unpublished article moves to the spiked list and can be neither published nor scheduled until unspiked; History records it. No webhook: nothing public changes.' })
  @ApiHeader(IF_MATCH_HEADER)
  @ApiResponse({ status: 200, type: ArticleDetailView, description: 'The article as it now is', headers: { ETag: ETAG_HEADER } })
  @ApiProblems(400, 401, 403, 404, 409, 412)
  async spike(@Param('id', IdParamPipe) id: number, @Body() body: TransitionDto, @Headers('if-match') ifMatch: string | undefined, @CurrentActor() actor: Actor, @Res({ passthrough: true }) response: Response): Promise<ArticleDetailView> {
    return this.preconditions.write(id, { ifMatch, bodyVersion: body.version, required: false }, response, (expected) => this.publishing.spike(id, actor, expected));
  }

  @Post('unspike')
  @Needs(Permission.Publish)
  @HttpCode(200)
  @ApiOperation({ summary: 'Bring a spiked article back to the drafts', description: 'Needs content:publish. History records it.' })
  @ApiHeader(IF_MATCH_HEADER)
  @ApiResponse({ status: 200, type: ArticleDetailView, description: 'The article as it now is', headers: { ETag: ETAG_HEADER } })
  @ApiProblems(400, 401, 403, 404, 409, 412)
  async unspike(@Param('id', IdParamPipe) id: number, @Body() body: TransitionDto, @Headers('if-match') ifMatch: string | undefined, @CurrentActor() actor: Actor, @Res({ passthrough: true }) response: Response): Promise<ArticleDetailView> {
    return this.preconditions.write(id, { ifMatch, bodyVersion: body.version, required: false }, response, (expected) => this.publishing.unspike(id, actor, expected));
  }

  @Post('schedule')
  @Needs(Permission.Publish)
  @HttpCode(200)
  @ApiOperation({ summary: 'Publish at a future time', description: 'Needs content:publish. Body { "at": ISO-8601 in the future }; scheduling again moves the time.' })
  @ApiHeader(IF_MATCH_HEADER)
  @ApiResponse({ status: 200, type: ArticleDetailView, description: 'The article as it now is', headers: { ETag: ETAG_HEADER } })
  @ApiProblems(400, 401, 403, 404, 409, 412)
  async schedule(@Param('id', IdParamPipe) id: number, @Body() body: ScheduleDto, @Headers('if-match') ifMatch: string | undefined, @CurrentActor() actor: Actor, @Res({ passthrough: true }) response: Response): Promise<ArticleDetailView> {
    return this.preconditions.write(id, { ifMatch, bodyVersion: body.version, required: false }, response, (expected) => this.publishing.schedule(id, body.at, actor, expected));
  }

  @Delete('schedule')
  @Needs(Permission.Publish)
  @ApiOperation({ summary: 'Cancel a scheduled publication', description: 'Needs content:publish.' })
  @ApiHeader(IF_MATCH_HEADER)
  @ApiResponse({ status: 200, type: ArticleDetailView, description: 'The article as it now is', headers: { ETag: ETAG_HEADER } })
  @ApiProblems(400, 401, 403, 404, 409, 412)
  async cancelSchedule(@Param('id', IdParamPipe) id: number, @Headers('if-match') ifMatch: string | undefined, @CurrentActor() actor: Actor, @Res({ passthrough: true }) response: Response): Promise<ArticleDetailView> {
    return this.preconditions.write(id, { ifMatch, required: false }, response, (expected) => this.publishing.cancelSchedule(id, actor, expected));
  }
}
