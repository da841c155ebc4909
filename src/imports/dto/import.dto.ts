import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, Max, Min } from 'class-validator';
import { MAX_ID } from '../../common/id-param.pipe';
import { Import, ImportCounts, ImportStatus } from '../import.entity';

export class ImportCountsDto implements ImportCounts {
  @ApiProperty({ example: 2 }) articlesCreated: number;
  @ApiProperty({ example: 0, description: 'Exact copies merged into an existing article instead of creating one' }) exactDuplicates: number;
  @ApiProperty({ example: 0, description: 'Articles created as drafts flagged as near duplicates' }) nearDuplicates: number;
  @ApiPropertyOptional({ example: 1, description: 'Articles created with anomalies (the parser guessed something): they wait in the Needs review queue. Absent from imports made before review existed' })
  needsReview?: number;
  @ApiProperty({ example: 2 }) photosCreated: number;
  @ApiProperty({ example: 1 }) authorsCreated: number;
  @ApiProperty({ example: 12, description: 'Lines dropped as debris or repeats' }) linesRemoved: number;
  @ApiProperty({ example: 0 }) warnings: number;
}

export class ImportSummaryDto {
  @ApiProperty({ example: 7 }) id: number;
  @ApiProperty({ example: 'aawsat-2026-11-26.txt' }) fileName: string;
  @ApiProperty({ example: 'b5d4…', description: 'SHA-256 of the bytes; the same bytes are imported once' }) sha256: string;
  @ApiProperty({ example: 7598 }) byteSize: number;
  @ApiProperty({ enum: ImportStatus, example: ImportStatus.Completed }) status: ImportStatus;
  @ApiProperty({ type: ImportCountsDto, nullable: true }) counts: ImportCounts | null;
  @ApiProperty({ nullable: true, type: String, example: null, description: 'Why the import was rejected or failed, or why its last attempt did not finish' })
  error: string | null;
  @ApiProperty({ example: 1, description: 'Times a worker started it; more than one after a retry (a failure, a worker that died, or a Retry)' })
  attempts: number;
  @ApiProperty({ nullable: true, type: String, format: 'date-time', description: 'When the latest attempt started' }) startedAt: Date | null;
  @ApiProperty({ type: String, format: 'date-time' }) createdAt: Date;
  @ApiProperty({ nullable: true, type: String, format: 'date-time' }) finishedAt: Date | null;

  static from(record: Import): ImportSummaryDto {
    const { id, fileName, sha256, byteSize, status, counts, error, attempts, startedAt, createdAt, finishedAt } = record;
    return { id, fileName, sha256, byteSize, status, counts, error, attempts, startedAt, createdAt, finishedAt };
  }
}

export class ImportDetailDto extends ImportSummaryDto {
  @ApiPropertyOptional({
    nullable: true,
    description: 'Every decision: articles created / merged / flagged with line ranges, removed lines with reasons, warnings',
  })
  report: Record<string, unknown> | null;

  static override from(record: Import): ImportDetailDto {
    return { ...ImportSummaryDto.from(record), report: record.report };
  }
}

export class SubmittedImportDto extends ImportSummaryDto {
  @ApiProperty({ description: 'True when these exact bytes were imported before; nothing new was queued' })
  alreadyImported: boolean;

  @ApiProperty({ description: 'True when these bytes belonged to a failed or stalled import, which was queued again (same id)' })
  retried: boolean;
}

export class ImportListQueryDto {
  @ApiPropertyOptional({ minimum: 1, maximum: 100, default: 20 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(100)
  limit: number = 20;

  @ApiPropertyOptional({ minimum: 0, default: 0 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(0)
  @Max(MAX_ID)
  offset: number = 0;
}

export class ImportListDto {
  @ApiProperty({ type: [ImportSummaryDto] }) items: ImportSummaryDto[];
  @ApiProperty({ example: 1 }) total: number;
}
