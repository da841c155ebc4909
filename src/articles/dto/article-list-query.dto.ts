import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsDate, IsEnum, IsIn, IsInt, IsOptional, IsString, Length, Max, MaxLength, Min } from 'class-validator';
import { MAX_ID } from '../../common/id-param.pipe';
import { ArticleStatus } from '../article-status';
import { DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE } from '../article-feed.service';
import { FEED_SORTS, type FeedSort, MAX_CURSOR_LENGTH } from '../feed-cursor';

export class ResponseFormatQueryDto {
  @ApiPropertyOptional({ enum: ['json', 'ninjs'], description: 'ninjs: IPTC ninjs 3.1 (same as Accept: application/ninjs+json)' })
  @IsOptional()
  @IsIn(['json', 'ninjs'])
  format?: 'json' | 'ninjs';
}

export class PageQueryDto extends ResponseFormatQueryDto {
  @ApiPropertyOptional({ description: 'nextCursor of the previous page' })
  @IsOptional()
  @IsString()
  @MaxLength(MAX_CURSOR_LENGTH)
  cursor?: string;

  @ApiPropertyOptional({
    enum: FEED_SORTS,
    description:
      'The order: by publishedAt (the latest publication), updatedAt or headline; a leading "-" for newest (or Z) first, ties broken by id. ' +
      'Without it, newest publication first, or for a search (q) the most relevant first. Keep it the same while following nextCursor.',
    example: '-updatedAt',
  })
  @IsOptional()
  @IsIn(FEED_SORTS, { message: ({ value }) => `sort must be one of ${FEED_SORTS.join(', ')}, not ${JSON.stringify(value)}` })
  sort?: FeedSort;

  @ApiPropertyOptional({ minimum: 1, maximum: MAX_PAGE_SIZE, default: DEFAULT_PAGE_SIZE })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(MAX_PAGE_SIZE)
  limit?: number;

  @ApiPropertyOptional({ description: 'Published (or, for drafts, created) at or after this ISO-8601 time', example: '2026-11-01T00:00:00Z' })
  @IsOptional()
  @Type(() => Date)
  @IsDate({ message: 'since must be an ISO-8601 date or date-time' })
  since?: Date;

  @ApiPropertyOptional({ description: 'Published (or created) before this ISO-8601 time', example: '2026-12-01T00:00:00Z' })
  @IsOptional()
  @Type(() => Date)
  @IsDate({ message: 'until must be an ISO-8601 date or date-time' })
  until?: Date;

  @ApiPropertyOptional({ description: 'Only articles with a photo from this agency (case-insensitive)', example: 'AFP' })
  @IsOptional()
  @IsString()
  @Length(1, 200)
  agency?: string;

  @ApiPropertyOptional({ description: 'Full-text search (web-search syntax: "quoted phrase", or, -exclude); ranked, with snippets', example: 'baghdad -protest' })
  @IsOptional()
  @IsString()
  @Length(1, 200)
  q?: string;

  @ApiPropertyOptional({ description: 'Only articles in this section (its slug, see GET /api/sections)', example: 'world' })
  @IsOptional()
  @IsString()
  @Length(1, 80)
  section?: string;

  @ApiPropertyOptional({ description: 'Only articles with this tag (its slug, see GET /api/tags)', example: 'oil' })
  @IsOptional()
  @IsString()
  @Length(1, 80)
  tag?: string;

  @ApiPropertyOptional({ enum: ArticleStatus, description: 'Needs a token with content:read (or a signed-in editor) for anything but published' })
  @IsOptional()
  @IsEnum(ArticleStatus)
  status?: ArticleStatus;
}

export class ArticleListQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ description: 'Only articles this author wrote (byline) or photographed (a photo credited to them)', example: 12 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(MAX_ID)
  author?: number;
}
