import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, Length, Matches } from 'class-validator';
import type { Author } from '../author.entity';

const HAS_LETTER = /\p{L}/u;

export class CreateAuthorDto {
  @ApiProperty({ example: 'Ahmad Al-Rubaye', maxLength: 200, description: 'Names printed in capitals are title-cased' })
  @IsString()
  @Length(1, 200)
  @Matches(HAS_LETTER, { message: 'name must contain letters' })
  name: string;
}

export class UpdateAuthorDto {
  @ApiPropertyOptional({ example: 'Ahmad al-Rubaye', maxLength: 200 })
  @IsOptional()
  @IsString()
  @Length(1, 200)
  @Matches(HAS_LETTER, { message: 'name must contain letters' })
  name?: string;
}

export class AuthorView {
  @ApiProperty({ example: 12 }) id: number;
  @ApiProperty({ example: 'Ahmad Al-Rubaye' }) name: string;
  @ApiProperty({ example: 'ahmad alrubaye', description: 'Spelling-insensitive key; variants of one name collide' }) key: string;

  static of(author: Author): AuthorView {
    return { id: author.id, name: author.name, key: author.key };
  }
}
