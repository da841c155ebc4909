import { Body, Controller, Headers, Param, Patch, Post, Res, UseGuards } from '@nestjs/common';
import { IdParamPipe } from '../common/id-param.pipe';
import { ApiBearerAuth, ApiCookieAuth, ApiHeader, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { expectedVersion } from '../articles/expected-version';
import { type Actor, Permission } from '../auth/actor';
import { ActorGuard } from '../auth/actor.guard';
import { CurrentActor, Needs } from '../auth/current-actor.decorator';
import { ApiProblems } from '../common/api-problems.decorator';
import { ApiCreated } from '../common/api-responses.decorator';
import type { Response } from 'express';
import { CaptionsService } from './captions.service';
import { CaptionView, CreateCaptionDto, UpdateCaptionDto } from './dto/caption.dto';

const AS_ARTICLE_EDIT =
  'A caption is part of its article: the change is an edit of the article (a new version, a revision in its History, and an article.updated webhook). ' +
  'Optionally name the article version you read with If-Match: "<version>" or "version"; a stale one gets 409 with currentVersion and changes nothing. ' +
  'An edit that asks for what the caption already is writes nothing: the same articleVersion, no revision, no webhook.';
const IF_MATCH = { name: 'If-Match', required: false, description: 'Optional: the version of the caption’s article you read, e.g. "3" (409 when stale)' };

@ApiTags('Captions')
@ApiBearerAuth()
@ApiCookieAuth()
@Controller('api/captions')
@UseGuards(ActorGuard)
export class CaptionsController {
  constructor(private readonly captions: CaptionsService) {}

  @Post()
  @Needs(Permission.EditDraft)
  @ApiOperation({ summary: 'Print a photo in an article with a caption', description: `Needs content:write. ${AS_ARTICLE_EDIT}` })
  @ApiHeader(IF_MATCH)
  @ApiCreated(CaptionView, '/api/captions/9')
  @ApiProblems(400, 401, 403, 409)
  async create(
    @Body() { version, ...input }: CreateCaptionDto,
    @Headers('if-match') ifMatch: string | undefined,
    @CurrentActor() actor: Actor,
    @Res({ passthrough: true }) response: Response,
  ): Promise<CaptionView> {
    const caption = CaptionView.of(await this.captions.create(input, actor, expectedVersion(ifMatch, version, false)));
    response.location(`/api/captions/${caption.id}`);
    return caption;
  }

  @Patch(':id')
  @Needs(Permission.EditDraft)
  @ApiOperation({ summary: 'Fix a caption’s text or move it', description: `Needs content:write. ${AS_ARTICLE_EDIT}` })
  @ApiHeader(IF_MATCH)
  @ApiOkResponse({ type: CaptionView })
  @ApiProblems(400, 401, 403, 404, 409)
  async update(
    @Param('id', IdParamPipe) id: number,
    @Body() { version, ...changes }: UpdateCaptionDto,
    @Headers('if-match') ifMatch: string | undefined,
    @CurrentActor() actor: Actor,
  ): Promise<CaptionView> {
    return CaptionView.of(await this.captions.update(id, changes, actor, expectedVersion(ifMatch, version, false)));
  }
}
