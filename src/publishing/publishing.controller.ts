import { Body, Controller, Delete, Headers, HttpCode, Param, Post, UseGuards } from '@nestjs/common';
import { IdParamPipe } from '../common/id-param.pipe';
import { ApiBearerAuth, ApiCookieAuth, ApiHeader, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ArticleFeedService } from '../articles/article-feed.service';
import { ArticleDetailView } from '../articles/article-views';
import { ScheduleDto, TransitionDto } from '../articles/dto/article-write.dto';
import { expectedVersion } from '../articles/expected-version';
import { type Actor, Permission } from '../auth/actor';
import { ActorGuard } from '../auth/actor.guard';
import { CurrentActor, Needs } from '../auth/current-actor.decorator';
import { ApiProblems } from '../common/api-problems.decorator';
import { PublishingService } from './publishing.service';

const IF_MATCH = { name: 'If-Match', required: false, description: 'Optional: the version you read, e.g. "3" (409 when stale)' };

@ApiTags('Publishing')
@ApiBearerAuth()
@ApiCookieAuth()
@Controller('api/articles/:id')
@UseGuards(ActorGuard)
export class PublishingController {
  constructor(
    private readonly publishing: PublishingService,
    private readonly feed: ArticleFeedService,
  ) {}

  @Post('publish')
  @Needs(Permission.Publish)
  @HttpCode(200)
  @ApiOperation({ summary: 'Publish now', description: 'Needs content:publish (or a signed-in editor). Fires article.published webhooks.' })
  @ApiHeader(IF_MATCH)
  @ApiOkResponse({ type: ArticleDetailView })
  @ApiProblems(400, 401, 403, 404, 409)
  async publish(@Param('id', IdParamPipe) id: number, @Body() body: TransitionDto, @Headers('if-match') ifMatch: string | undefined, @CurrentActor() actor: Actor): Promise<ArticleDetailView> {
    return this.feed.detail(await this.publishing.publish(id, actor, expectedVersion(ifMatch, body.version, false)));
  }

  @Post('unpublish')
  @Needs(Permission.Publish)
  @HttpCode(200)
  @ApiOperation({ summary: 'Take a published article down', description: 'Needs content:publish. Fires article.unpublished webhooks.' })
  @ApiHeader(IF_MATCH)
  @ApiOkResponse({ type: ArticleDetailView })
  @ApiProblems(400, 401, 403, 404, 409)
  async unpublish(@Param('id', IdParamPipe) id: number, @Body() body: TransitionDto, @Headers('if-match') ifMatch: string | undefined, @CurrentActor() actor: Actor): Promise<ArticleDetailView> {
    return this.feed.detail(await this.publishing.unpublish(id, actor, expectedVersion(ifMatch, body.version, false)));
  }

  @Post('spike')
  @Needs(Permission.Publish)
  @HttpCode(200)
  @ApiOperation({ summary: 'Spike (bin) a draft', description: 'Needs content:publish. A draft or unpublished article moves to the spiked list and can be neither published nor scheduled until unspiked; History records it. No webhook: nothing public changes.' })
  @ApiHeader(IF_MATCH)
  @ApiOkResponse({ type: ArticleDetailView })
  @ApiProblems(400, 401, 403, 404, 409)
  async spike(@Param('id', IdParamPipe) id: number, @Body() body: TransitionDto, @Headers('if-match') ifMatch: string | undefined, @CurrentActor() actor: Actor): Promise<ArticleDetailView> {
    return this.feed.detail(await this.publishing.spike(id, actor, expectedVersion(ifMatch, body.version, false)));
  }

  @Post('unspike')
  @Needs(Permission.Publish)
  @HttpCode(200)
  @ApiOperation({ summary: 'Bring a spiked article back to the drafts', description: 'Needs content:publish. History records it.' })
  @ApiHeader(IF_MATCH)
  @ApiOkResponse({ type: ArticleDetailView })
  @ApiProblems(400, 401, 403, 404, 409)
  async unspike(@Param('id', IdParamPipe) id: number, @Body() body: TransitionDto, @Headers('if-match') ifMatch: string | undefined, @CurrentActor() actor: Actor): Promise<ArticleDetailView> {
    return this.feed.detail(await this.publishing.unspike(id, actor, expectedVersion(ifMatch, body.version, false)));
  }

  @Post('schedule')
  @Needs(Permission.Publish)
  @HttpCode(200)
  @ApiOperation({ summary: 'Publish at a future time', description: 'Needs content:publish. Body { "at": ISO-8601 in the future }; scheduling again moves the time.' })
  @ApiHeader(IF_MATCH)
  @ApiOkResponse({ type: ArticleDetailView })
  @ApiProblems(400, 401, 403, 404, 409)
  async schedule(@Param('id', IdParamPipe) id: number, @Body() body: ScheduleDto, @Headers('if-match') ifMatch: string | undefined, @CurrentActor() actor: Actor): Promise<ArticleDetailView> {
    return this.feed.detail(await this.publishing.schedule(id, body.at, actor, expectedVersion(ifMatch, body.version, false)));
  }

  @Delete('schedule')
  @Needs(Permission.Publish)
  @ApiOperation({ summary: 'Cancel a scheduled publication', description: 'Needs content:publish.' })
  @ApiHeader(IF_MATCH)
  @ApiOkResponse({ type: ArticleDetailView })
  @ApiProblems(400, 401, 403, 404, 409)
  async cancelSchedule(@Param('id', IdParamPipe) id: number, @Headers('if-match') ifMatch: string | undefined, @CurrentActor() actor: Actor): Promise<ArticleDetailView> {
    return this.feed.detail(await this.publishing.cancelSchedule(id, actor, expectedVersion(ifMatch, undefined, false)));
  }
}
