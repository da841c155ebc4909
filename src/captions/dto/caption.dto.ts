import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsInt, IsOptional, IsString, Length, Max, Min } from 'class-validator';
import { MAX_ID } from '../../common/id-param.pipe';
import type { CaptionEdit } from '../captions.service';

const MAX_CAPTION_LENGTH = 2000;
const MAX_POSITION = 1000;
const ARTICLE_VERSION = {
  description: 'The version of the caption’s article you read (or send it as If-Match: "<version>"); a stale one gets 409 and changes nothing',
  example: 3,
};

export class CreateCaptionDto {
  @ApiProperty({ example: 42 }) @IsInt() @Min(1) @Max(MAX_ID) articleId: number;
  @ApiProperty({ example: 5 }) @IsInt() @Min(1) @Max(MAX_ID) photoId: number;

  @ApiProperty({ example: 'Iraqi Prime Minister Mohammed Shia al-Sudani (C) meets Ali Larijani in Baghdad', maxLength: MAX_CAPTION_LENGTH })
  @IsString()
  @Length(1, MAX_CAPTION_LENGTH)
  text: string;

  @ApiPropertyOptional({ description: 'Order among the article’s photos; after the last one when absent', minimum: 0, maximum: MAX_POSITION })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(MAX_POSITION)
  position?: number;

  @ApiPropertyOptional(ARTICLE_VERSION)
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(MAX_ID)
  version?: number;
}

export class UpdateCaptionDto {
  @ApiPropertyOptional({ maxLength: MAX_CAPTION_LENGTH })
  @IsOptional()
  @IsString()
  @Length(1, MAX_CAPTION_LENGTH)
  text?: string;

  @ApiPropertyOptional({ description: 'Order among the article’s photos; a place another photo holds gets 409', minimum: 0, maximum: MAX_POSITION })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(MAX_POSITION)
  position?: number;

  @ApiPropertyOptional(ARTICLE_VERSION)
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(MAX_ID)
  version?: number;
}

export class CaptionView {
  @ApiProperty({ example: 9 }) id: number;
  @ApiProperty({ example: 42 }) articleId: number;
  @ApiProperty({ example: 5 }) photoId: number;
  @ApiProperty({ example: 0 }) position: number;
  @ApiProperty() text: string;
  @ApiProperty({ example: 4, description: 'The article’s version after this change: name it in your next edit of the article or its captions' })
  articleVersion: number;

  static of({ caption, article }: CaptionEdit): CaptionView {
    return { id: caption.id, articleId: caption.articleId, photoId: caption.photoId, position: caption.position, text: caption.text, articleVersion: article.version };
  }
}
