import { Controller, Get, HttpCode, HttpStatus, Param, Post, Query, Req, Res, UseGuards } from '@nestjs/common';
import { IdParamPipe } from '../common/id-param.pipe';
import { ApiBearerAuth, ApiBody, ApiConsumes, ApiCookieAuth, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import type { Actor } from '../auth/actor';
import { ActorGuard } from '../auth/actor.guard';
import { CurrentActor } from '../auth/current-actor.decorator';
import { ApiProblems } from '../common/api-problems.decorator';
import { ImportDetailDto, ImportListDto, ImportListQueryDto, ImportSummaryDto, SubmittedImportDto } from './dto/import.dto';
import { DumpUploads } from './dump-upload';
import { ImportsService } from './imports.service';

@ApiTags('imports')
@ApiBearerAuth()
@ApiCookieAuth()
@UseGuards(ActorGuard)
@Controller('api/imports')
export class ImportsController {
  constructor(
    private readonly imports: ImportsService,
    private readonly uploads: DumpUploads,
  ) {}

  @Post()
  @ApiOperation({
    summary: 'Upload a wire dump to import',
    description:
      'Multipart field `file` (`text/plain` in UTF-8, or `application/octet-stream`). Read only once the caller may import ' +
      '(an editor/admin session or a token with `imports:write`), streamed to storage and checked as it arrives (empty, binary, ' +
      'invalid UTF-8, no articles, too large → 4xx, nothing written), then imported in the background in one transaction. ' +
      'Each instance receives at most IMPORT_MAX_CONCURRENT_UPLOADS uploads at once: beyond that, 503 with Retry-After.',
  })
  @ApiConsumes('multipart/form-data')
  @ApiBody({ schema: { type: 'object', required: ['file'], properties: { file: { type: 'string', format: 'binary' } } } })
  @ApiResponse({ status: 202, type: SubmittedImportDto, description: 'Queued (or, for the bytes of a failed or stalled import, queued again); poll the Location header', headers: { Location: { required: true, description: 'The import, to poll', schema: { type: 'string', example: '/api/imports/7' } } } })
  @ApiResponse({ status: 200, type: SubmittedImportDto, description: 'These exact bytes were imported before; nothing changed', headers: { Location: { required: true, description: 'The import, to poll', schema: { type: 'string', example: '/api/imports/7' } } } })
  @ApiProblems(400, 401, 403, 413, 415, 422, 503)
  async submit(@Req() request: Request, @CurrentActor() actor: Actor, @Res({ passthrough: true }) response: Response): Promise<SubmittedImportDto> {
    const outcome = await this.uploads.submit(request, response, actor);
    response.status(outcome.alreadyImported ? HttpStatus.OK : HttpStatus.ACCEPTED).location(`/api/imports/${outcome.import.id}`);
    return { ...ImportSummaryDto.from(outcome.import), alreadyImported: outcome.alreadyImported, retried: outcome.retried ?? false };
  }

  @Post(':id/retry')
  @HttpCode(HttpStatus.ACCEPTED)
  @ApiOperation({
    summary: 'Run a failed or stalled import again',
    description:
      'Queues a failed import, or one left running by a worker that died, once more from its stored bytes (the same import, ' +
      'a new attempt). 409 for any other status, for an import whose worker is alive, or when its bytes are gone.',
  })
  @ApiResponse({ status: 202, type: ImportSummaryDto, description: 'Queued again; poll the Location header', headers: { Location: { required: true, description: 'The import, to poll', schema: { type: 'string', example: '/api/imports/7' } } } })
  @ApiProblems(401, 403, 404, 409)
  async retry(@Param('id', IdParamPipe) id: number, @CurrentActor() actor: Actor, @Res({ passthrough: true }) response: Response): Promise<ImportSummaryDto> {
    const retried = ImportSummaryDto.from(await this.imports.retry(id, actor));
    response.location(`/api/imports/${id}`);
    return retried;
  }

  @Get()
  @ApiOperation({ summary: 'List imports, newest first' })
  @ApiResponse({ status: 200, type: ImportListDto })
  @ApiProblems(400, 401, 403)
  async list(@Query() query: ImportListQueryDto, @CurrentActor() actor: Actor): Promise<ImportListDto> {
    const [items, total] = await this.imports.list(query.limit, query.offset, actor);
    return { items: items.map((item) => ImportSummaryDto.from(item)), total };
  }

  @Get(':id')
  @ApiOperation({ summary: 'One import with its full report' })
  @ApiResponse({ status: 200, type: ImportDetailDto })
  @ApiProblems(401, 403, 404)
  async get(@Param('id', IdParamPipe) id: number, @CurrentActor() actor: Actor): Promise<ImportDetailDto> {
    return ImportDetailDto.from(await this.imports.findById(id, actor));
  }
}
