import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsEnum, IsString, Length } from 'class-validator';
import { TokenScope } from '../actor';
import type { ApiToken } from '../api-token.entity';
import type { IssuedToken } from '../api-tokens.service';

export class CreateApiTokenDto {
  @ApiProperty({ example: 'website', maxLength: 100 })
  @IsString()
  @Length(1, 100)
  name: string;

  @ApiProperty({ enum: TokenScope, isArray: true, example: [TokenScope.ContentRead] })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(Object.values(TokenScope).length)
  @IsEnum(TokenScope, { each: true })
  scopes: TokenScope[];
}

export class ApiTokenView {
  @ApiProperty({ example: 3 }) id: number;
  @ApiProperty({ example: 'website' }) name: string;
  @ApiProperty({ example: 'wd_Xk2f9aQ', description: 'First characters of the secret, to tell tokens apart' }) prefix: string;
  @ApiProperty({ enum: TokenScope, isArray: true }) scopes: TokenScope[];
  @ApiProperty({ nullable: true, type: Number }) createdById: number | null;
  @ApiProperty() createdAt: string;
  @ApiPropertyOptional({ nullable: true, type: String }) lastUsedAt: string | null;
  @ApiPropertyOptional({ nullable: true, type: String }) revokedAt: string | null;

  static of(token: ApiToken): ApiTokenView {
    return {
      id: token.id,
      name: token.name,
      prefix: token.prefix,
      scopes: token.scopes,
      createdById: token.createdById,
      createdAt: token.createdAt.toISOString(),
      lastUsedAt: token.lastUsedAt?.toISOString() ?? null,
      revokedAt: token.revokedAt?.toISOString() ?? null,
    };
  }
}

export class IssuedApiTokenView extends ApiTokenView {
  @ApiProperty({ description: 'The bearer secret. Shown only in this response; store it now.', example: 'wd_Xk2f9aQ…' })
  secret: string;

  static issued({ token, secret }: IssuedToken): IssuedApiTokenView {
    return { ...ApiTokenView.of(token), secret };
  }
}
