import { ApiProperty, ApiPropertyOptional, PartialType, PickType } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsDate,
  IsInt,
  IsOptional,
  IsString,
  Length,
  Matches,
  Max,
  MaxLength,
  Min,
  MinLength,
} from 'class-validator';
import { MAX_ID } from '../../common/id-param.pipe';

/** Words of letters or digits joined by single hyphens; never digits alone, which /api/articles/{id} reads as an id. */
export const SLUG_PATTERN = /^(?![0-9]+$)[\p{L}\p{N}]+(?:-[\p{L}\p{N}]+)*$/u;
const SLUG_MESSAGE = 'slug must be lower-case words (letters or digits) joined by single hyphens, and not digits alone (that would read as an article id)';
const MAX_PARAGRAPHS = 500;
const MAX_PARAGRAPH_LENGTH = 20_000;

export class CreateArticleDto {
  @ApiProperty({ example: 'Regional Shifts Loom over Larijani’s Talks in Baghdad', maxLength: 500 })
  @IsString()
  @Length(1, 500)
  headline: string;

  @ApiProperty({ type: String, isArray: true, description: 'Paragraphs in print order', example: ['BAGHDAD — Iran’s top security official…'] })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(MAX_PARAGRAPHS)
  @IsString({ each: true })
  @MinLength(1, { each: true })
  @MaxLength(MAX_PARAGRAPH_LENGTH, { each: true })
  body: string[];

  @ApiPropertyOptional({ description: 'Derived from the headline when absent', example: 'larijani-baghdad-talks', maxLength: 200 })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  @Matches(SLUG_PATTERN, { message: SLUG_MESSAGE })
  slug?: string;

  @ApiPropertyOptional({ type: Number, isArray: true, description: 'Writer author ids, in byline order', example: [12] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(20)
  @IsInt({ each: true })
  @Min(1, { each: true })
  @Max(MAX_ID, { each: true })
  authorIds?: number[];
}

/** Any of the copy fields, plus the version the caller read (optimistic concurrency). */
export class UpdateArticleDto extends PartialType(PickType(CreateArticleDto, ['headline', 'body', 'slug'] as const)) {
  @ApiPropertyOptional({ nullable: true, type: Number, description: 'The section (GET /api/sections); null takes the article out of any', example: 2 })
  @IsOptional()
  @IsInt()
  @Min(1)
  sectionId?: number | null;

  @ApiPropertyOptional({ type: Number, isArray: true, description: 'The complete set of tags (GET /api/tags)', example: [4, 9] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(50)
  @IsInt({ each: true })
  @Min(1, { each: true })
  tagIds?: number[];

  @ApiPropertyOptional({ description: 'The version you read; or send it as If-Match: "<version>"', example: 3 })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(MAX_ID)
  version?: number;
}

/** For publish and unpublish: optionally the version the caller read. */
export class TransitionDto extends PickType(UpdateArticleDto, ['version'] as const) {}

export class ScheduleDto extends TransitionDto {
  @ApiProperty({ description: 'ISO-8601 time in the future', example: '2026-12-01T06:00:00Z' })
  @Type(() => Date)
  @IsDate({ message: 'at must be an ISO-8601 date-time' })
  at: Date;
}
