import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsInt, IsOptional, Max, Min } from 'class-validator';
import { MAX_ID } from '../../common/id-param.pipe';
import { ArticleDetailView } from '../article-views';

export class DismissDuplicateDto {
  @ApiPropertyOptional({ description: 'The version of this article you compared', example: 1 })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(MAX_ID)
  version?: number;

  @ApiPropertyOptional({ description: 'The version of the article it was flagged against that you compared', example: 4 })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(MAX_ID)
  originalVersion?: number;
}

export class MergeDuplicateDto extends DismissDuplicateDto {
  @ApiProperty({ description: 'The article to keep: this one or the one it duplicates', example: 42 })
  @IsInt()
  @Min(1)
  @Max(MAX_ID)
  keep: number;
}

export class MergedView {
  @ApiProperty({ type: ArticleDetailView }) kept: ArticleDetailView;
  @ApiProperty({ type: ArticleDetailView, description: 'Now unpublished, merged into the kept one' }) retired: ArticleDetailView;
}
