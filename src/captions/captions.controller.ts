import { Body, Controller, Param, ParseIntPipe, Patch, Post, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiCookieAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Actor } from '../auth/actor';
import { ActorGuard } from '../auth/actor.guard';
import { CurrentActor } from '../auth/current-actor.decorator';
import { ApiProblems } from '../common/api-problems.decorator';
import { CaptionsService } from './captions.service';
import { CaptionView, CreateCaptionDto, UpdateCaptionDto } from './dto/caption.dto';

@ApiTags('Captions')
@ApiBearerAuth()
@ApiCookieAuth()
@Controller('api/captions')
@UseGuards(ActorGuard)
export class CaptionsController {
  constructor(private readonly captions: CaptionsService) {}

  @Post()
  @ApiOperation({ summary: 'Print a photo in an article with a caption', description: 'Needs content:write.' })
  @ApiOkResponse({ type: CaptionView })
  @ApiProblems(400, 401, 403, 409)
  async create(@Body() body: CreateCaptionDto, @CurrentActor() actor: Actor): Promise<CaptionView> {
    return CaptionView.of(await this.captions.create(body, actor));
  }

  @Patch(':id')
  @ApiOperation({ summary: 'Fix a caption’s text or move it', description: 'Needs content:write.' })
  @ApiOkResponse({ type: CaptionView })
  @ApiProblems(400, 401, 403, 404, 409)
  async update(@Param('id', ParseIntPipe) id: number, @Body() body: UpdateCaptionDto, @CurrentActor() actor: Actor): Promise<CaptionView> {
    return CaptionView.of(await this.captions.update(id, body, actor));
  }
}
