import { Controller, Get, HttpStatus, Param, ParseIntPipe, Post, Query, Res, UploadedFile, UseGuards, UseInterceptors } from '@nestjs/common';
import { FileInterceptor } from '@nestjs/platform-express';
import { ApiBearerAuth, ApiBody, ApiConsumes, ApiCookieAuth, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import type { Actor } from '../auth/actor';
import { ActorGuard } from '../auth/actor.guard';
import { CurrentActor } from '../auth/current-actor.decorator';
import { ApiProblems } from '../common/api-problems.decorator';
import { ImportDetailDto, ImportListDto, ImportListQueryDto, ImportSummaryDto, SubmittedImportDto } from './dto/import.dto';
import { ImportError, ImportErrorCode } from './import-error';
import { ImportsService } from './imports.service';

@ApiTags('imports')
@ApiBearerAuth()
@ApiCookieAuth()
@UseGuards(ActorGuard)
@Controller('api/imports')
export class ImportsController {
  constructor(private readonly imports: ImportsService) {}

  @Post()
  @UseInterceptors(FileInterceptor('file'))
  @ApiOperation({
    summary: 'Upload a wire dump to import',
    description:
      'Multipart field `file` (text/plain). Checked at once (empty, binary, invalid UTF-8, no articles, too large → 4xx, nothing written), ' +
      'then imported in the background in one transaction. Needs an editor/admin session or a token with `imports:write`.',
  })
  @ApiConsumes('multipart/form-data')
  @ApiBody({ schema: { type: 'object', required: ['file'], properties: { file: { type: 'string', format: 'binary' } } } })
  @ApiResponse({ status: 202, type: SubmittedImportDto, description: 'Queued; poll the Location header' })
  @ApiResponse({ status: 200, type: SubmittedImportDto, description: 'These exact bytes were imported before; nothing changed' })
  @ApiProblems(400, 401, 403, 413, 415, 422)
  async submit(@UploadedFile() file: Express.Multer.File | undefined, @CurrentActor() actor: Actor, @Res({ passthrough: true }) response: Response): Promise<SubmittedImportDto> {
    if (!file) throw new ImportError(ImportErrorCode.FileMissing, 'send the dump as multipart/form-data in the field "file"');
    const outcome = await this.imports.submit({ fileName: file.originalname, bytes: file.buffer, mimeType: file.mimetype, actor });
    response.status(outcome.alreadyImported ? HttpStatus.OK : HttpStatus.ACCEPTED).location(`/api/imports/${outcome.import.id}`);
    return { ...ImportSummaryDto.from(outcome.import), alreadyImported: outcome.alreadyImported };
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
  async get(@Param('id', ParseIntPipe) id: number, @CurrentActor() actor: Actor): Promise<ImportDetailDto> {
    return ImportDetailDto.from(await this.imports.findById(id, actor));
  }
}
