import { ApiProperty } from '@nestjs/swagger';

/** A section or a tag as the API shows it. */
export class TermView {
  @ApiProperty({ example: 3 }) id: number;
  @ApiProperty({ example: 'Middle East' }) name: string;
  @ApiProperty({ example: 'middle-east', description: 'Filter articles with ?section= or ?tag=' }) slug: string;
}
