import { Body, Controller, Get, Param, Patch, Post, Res, UseGuards } from '@nestjs/common';
import { IdParamPipe } from '../common/id-param.pipe';
import { ApiBearerAuth, ApiCookieAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { type Actor, Permission } from '../auth/actor';
import { ActorGuard } from '../auth/actor.guard';
import { CurrentActor, Needs } from '../auth/current-actor.decorator';
import { ApiProblems } from '../common/api-problems.decorator';
import { ApiCreated } from '../common/api-responses.decorator';
import type { Response } from 'express';
import { CreatePhotoDto, PhotoView, UpdatePhotoDto } from './dto/photo.dto';
import { PhotosService } from './photos.service';

@ApiTags('Photos')
@ApiBearerAuth()
@ApiCookieAuth()
@Controller('api/photos')
@UseGuards(ActorGuard)
export class PhotosController {
  constructor(private readonly photos: PhotosService) {}

  @Get(':id')
  @Needs(Permission.ReadDrafts)
  @ApiOperation({ summary: 'One photo', description: 'Needs content:read. (Public readers get photos inside articles.)' })
  @ApiOkResponse({ type: PhotoView })
  @ApiProblems(400, 401, 403, 404)
  async get(@Param('id', IdParamPipe) id: number, @CurrentActor() actor: Actor): Promise<PhotoView> {
    return PhotoView.of(await this.photos.read(id, actor));
  }

  @Post()
  @Needs(Permission.EditDraft)
  @ApiOperation({ summary: 'Add a photo by URL', description: 'Needs content:write. A URL already known gets 409 with existingPhotoId.' })
  @ApiCreated(PhotoView, '/api/photos/5')
  @ApiProblems(400, 401, 403, 409)
  async create(@Body() body: CreatePhotoDto, @CurrentActor() actor: Actor, @Res({ passthrough: true }) response: Response): Promise<PhotoView> {
    const photo = await this.photos.create(body, actor);
    response.location(`/api/photos/${photo.id}`);
    return PhotoView.of(photo);
  }

  @Patch(':id')
  @Needs(Permission.EditDraft)
  @ApiOperation({ summary: 'Fix a photo’s credit, agency, photographer or URL', description: 'Needs content:write.' })
  @ApiOkResponse({ type: PhotoView })
  @ApiProblems(400, 401, 403, 404)
  async update(@Param('id', IdParamPipe) id: number, @Body() body: UpdatePhotoDto, @CurrentActor() actor: Actor): Promise<PhotoView> {
    return PhotoView.of((await this.photos.update(id, body, actor)).photo);
  }
}
