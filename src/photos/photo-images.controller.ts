import { applyDecorators, Controller, Get, HttpCode, Param, Post, Req, Res, UseGuards } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { ApiBearerAuth, ApiBody, ApiConsumes, ApiCookieAuth, ApiOkResponse, ApiOperation, ApiParam, ApiProperty, ApiResponse, ApiTags } from '@nestjs/swagger';
import type { HeaderObject } from '@nestjs/swagger';
import busboy from 'busboy';
import type { Request, Response } from 'express';
import { type Actor, Permission } from '../auth/actor';
import { ActorGuard } from '../auth/actor.guard';
import { CurrentActor, Needs } from '../auth/current-actor.decorator';
import { IdParamPipe } from '../common/id-param.pipe';
import { ApiProblems } from '../common/api-problems.decorator';
import { ETAG_HEADER } from '../common/api-responses.decorator';
import type { EnvironmentVariables } from '../config/environment';
import { PhotoError, PhotoErrorCode } from './photo-error';
import { PhotoImagesService, RenditionView } from './photo-images.service';

/** Where images are uploaded: the one multipart route of the photos API (see refuseStrayMultipart). */
export const PHOTO_IMAGE_UPLOAD_ROUTE = /^\/api\/photos\/\d+\/image$/;

class RenditionDto implements RenditionView {
  @ApiProperty({ enum: ['thumbnail', 'web'] }) name: RenditionView['name'];
  @ApiProperty({ example: '/media/photos/5/web/3f2a9c0d1e2b4a5f.jpg', description: 'Absolute when PUBLIC_BASE_URL is set, else a path on this server' }) href: string;
  @ApiProperty({ example: 1280 }) width: number;
  @ApiProperty({ example: 853 }) height: number;
  @ApiProperty({ example: 'image/jpeg' }) contentType: string;
}

@ApiTags('Photos')
@ApiBearerAuth()
@ApiCookieAuth()
@Controller('api/photos/:id/image')
@UseGuards(ActorGuard)
export class PhotoImagesController {
  constructor(
    private readonly images: PhotoImagesService,
    private readonly config: ConfigService<EnvironmentVariables, true>,
  ) {}

  @Post()
  @HttpCode(200)
  @Needs(Permission.EditDraft)
  @ApiOperation({
    summary: 'Attach the picture to a photo',
    description:
      'Needs content:write (content that is live needs an editor\'s rights). multipart/form-data with one file field, `file`: a JPEG, PNG or WebP picture ' +
      '(checked by decoding it, whatever its name or declared type; anything else is 415), at most PHOTO_MAX_BYTES (413). Replaces any earlier picture; ' +
      'answers with the served sizes (320 and 1280 px wide, EXIF removed).',
  })
  @ApiConsumes('multipart/form-data')
  @ApiBody({ schema: { type: 'object', required: ['file'], properties: { file: { type: 'string', format: 'binary' } } } })
  @ApiOkResponse({ type: RenditionDto, isArray: true })
  @ApiProblems(400, 401, 403, 404, 413, 415)
  async upload(@Param('id', IdParamPipe) id: number, @CurrentActor() actor: Actor, @Req() request: Request): Promise<RenditionView[]> {
    await this.images.assertMayAttach(id, actor);
    const bytes = await readOneFile(request, this.config.get('PHOTO_MAX_BYTES', { infer: true }));
    return this.images.attach(id, bytes, actor);
  }

  @Get()
  @Needs(Permission.ReadDrafts)
  @ApiOperation({ summary: 'The served sizes of a photo’s picture', description: 'Needs content:read. Empty until a picture is attached.' })
  @ApiOkResponse({ type: RenditionDto, isArray: true })
  @ApiProblems(400, 401, 403, 404)
  async list(@Param('id', IdParamPipe) id: number): Promise<RenditionView[]> {
    return this.images.renditions(id);
  }
}

/** What the two picture routes answer: the bytes as stored (JPEG, PNG or WebP), or 304 to a matching If-None-Match. */
function ApiPicture(cacheControl: string): MethodDecorator {
  const headers: Record<string, HeaderObject> = {
    ETag: ETAG_HEADER,
    'Cache-Control': { required: true, description: 'How long caches may keep it', schema: { type: 'string', example: cacheControl } },
  };
  const binary = { schema: { type: 'string', format: 'binary' } };
  return applyDecorators(
    ApiParam({ name: 'id', description: 'The photo', schema: { type: 'integer', minimum: 1 } }),
    ApiParam({ name: 'name', description: 'Which size: thumbnail (320 px wide) or web (1280 px)', schema: { type: 'string', enum: ['thumbnail', 'web'] } }),
    ApiResponse({ status: 200, description: 'The picture', headers, content: { 'image/jpeg': binary, 'image/png': binary, 'image/webp': binary } }),
    ApiResponse({ status: 304, description: 'Not modified: the If-None-Match named these bytes', headers }),
    ApiProblems(400, 404),
  );
}

/** Serves the pictures: content-addressed URLs are cached for a year; the plain ones revalidate with their ETag. */
@ApiTags('Photos')
@Controller('media/photos/:id/:name')
export class MediaController {
  constructor(private readonly images: PhotoImagesService) {}

  @Get(':file')
  @ApiOperation({
    summary: 'A picture at its content-addressed URL',
    description: 'Public. `file` is the first 16 hex digits of the picture\'s SHA-256 and its extension (the `href` the photo image routes give); cached for a year.',
  })
  @ApiPicture('public, max-age=31536000, immutable')
  @ApiParam({ name: 'file', schema: { type: 'string', pattern: '^[0-9a-f]{16}\\.(jpg|png|webp)$' } })
  async immutable(@Param('id', IdParamPipe) id: number, @Param('name') name: string, @Param('file') file: string, @Req() request: Request, @Res() response: Response): Promise<void> {
    const hash = /^([0-9a-f]{16})\.(jpg|png|webp)$/.exec(file)?.[1];
    if (!hash) throw new PhotoError(PhotoErrorCode.NoImage, `no image ${file}`);
    await this.send(id, name, hash, 'public, max-age=31536000, immutable', request, response);
  }

  @Get()
  @ApiOperation({ summary: 'A picture, current version', description: 'Public. Revalidates with its ETag (cached for a minute).' })
  @ApiPicture('public, max-age=60, must-revalidate')
  async current(@Param('id', IdParamPipe) id: number, @Param('name') name: string, @Req() request: Request, @Res() response: Response): Promise<void> {
    await this.send(id, name, undefined, 'public, max-age=60, must-revalidate', request, response);
  }

  private async send(id: number, name: string, hash: string | undefined, cacheControl: string, request: Request, response: Response): Promise<void> {
    const { rendition, bytes } = await this.images.media(id, name, hash);
    const etag = `"${rendition.sha256}"`;
    response.setHeader('ETag', etag);
    response.setHeader('Cache-Control', cacheControl);
    if (request.headers['if-none-match']?.split(',').some((tag) => tag.trim() === etag)) {
      response.status(304).end();
      return;
    }
    response.setHeader('Content-Type', rendition.contentType);
    response.setHeader('Content-Length', bytes.length);
    response.status(200).end(bytes);
  }
}

/** The body's one file field, whole, refusing more than `limit` bytes as soon as it is exceeded. */
function readOneFile(request: Request, limit: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    let parser: busboy.Busboy;
    try {
      parser = busboy({ headers: request.headers, limits: { files: 1, fileSize: limit, fields: 10 } });
    } catch {
      reject(new PhotoError(PhotoErrorCode.InvalidUpload, 'send the picture as multipart/form-data with a `file` field'));
      return;
    }
    let file: Buffer | undefined;
    let failure: PhotoError | undefined;
    parser.on('file', (field, stream) => {
      if (field !== 'file') {
        stream.resume();
        return;
      }
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('limit', () => (failure = new PhotoError(PhotoErrorCode.ImageTooLarge, `the picture is larger than ${limit} bytes (PHOTO_MAX_BYTES)`)));
      stream.on('end', () => (file = Buffer.concat(chunks)));
    });
    parser.on('error', () => reject(new PhotoError(PhotoErrorCode.InvalidUpload, 'the multipart body is malformed')));
    parser.on('close', () => {
      if (failure) return reject(failure);
      if (!file || file.length === 0) return reject(new PhotoError(PhotoErrorCode.InvalidUpload, 'no picture: send it in a `file` field'));
      resolve(file);
    });
    request.pipe(parser);
  });
}
