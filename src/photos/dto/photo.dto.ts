import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsInt, IsOptional, IsString, IsUrl, Length, Max, MaxLength, Min, ValidateIf } from 'class-validator';
import { MAX_ID } from '../../common/id-param.pipe';
import type { Photo } from '../photo.entity';

const URL_OPTIONS = { protocols: ['http', 'https'], require_protocol: true, require_tld: false };

export class CreatePhotoDto {
  @ApiProperty({ example: 'https://images.example.com/baghdad-talks.jpg', maxLength: 2000 })
  @IsUrl(URL_OPTIONS)
  @MaxLength(2000)
  url: string;

  @ApiPropertyOptional({ example: 'Photo by AHMAD AL-RUBAYE / AFP', maxLength: 300 })
  @IsOptional()
  @IsString()
  @Length(1, 300)
  credit?: string;

  @ApiPropertyOptional({ example: 'AFP', maxLength: 200 })
  @IsOptional()
  @IsString()
  @Length(1, 200)
  agency?: string;

  @ApiPropertyOptional({ example: 31, description: 'Author id of the photographer' })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(MAX_ID)
  photographerId?: number;
}

/** Every field may be set to null to clear it, except that a photo keeps some URL once given. */
export class UpdatePhotoDto {
  @ApiPropertyOptional({ maxLength: 2000 })
  @IsOptional()
  @IsUrl(URL_OPTIONS)
  @MaxLength(2000)
  url?: string;

  @ApiPropertyOptional({ nullable: true, type: String, maxLength: 300 })
  @ValidateIf((_dto, value) => value !== null)
  @IsOptional()
  @IsString()
  @Length(1, 300)
  credit?: string | null;

  @ApiPropertyOptional({ nullable: true, type: String, maxLength: 200 })
  @ValidateIf((_dto, value) => value !== null)
  @IsOptional()
  @IsString()
  @Length(1, 200)
  agency?: string | null;

  @ApiPropertyOptional({ nullable: true, type: Number })
  @ValidateIf((_dto, value) => value !== null)
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(MAX_ID)
  photographerId?: number | null;
}

export class PhotoView {
  @ApiProperty({ example: 5 }) id: number;
  @ApiProperty({ nullable: true, type: String }) url: string | null;
  @ApiProperty({ nullable: true, type: String, example: 'Photo by AHMAD AL-RUBAYE / AFP' }) credit: string | null;
  @ApiProperty({ nullable: true, type: String, example: 'AFP' }) agency: string | null;
  @ApiProperty({ nullable: true, type: Number }) photographerId: number | null;
  @ApiProperty({ nullable: true, type: String }) photographerName: string | null;

  static of(photo: Photo): PhotoView {
    return {
      id: photo.id,
      url: photo.url,
      credit: photo.credit,
      agency: photo.agency,
      photographerId: photo.photographerId,
      photographerName: photo.photographer?.name ?? null,
    };
  }
}
