import { ApiProperty } from '@nestjs/swagger';

export class PreviewLinkView {
  @ApiProperty({ example: '/preview/42.1796150000.Q2x…', description: 'Open without an account until expiresAt' }) path: string;
  @ApiProperty({ example: 'https://desk.example.com/preview/42.1796150000.Q2x…', description: 'path on the host this request came to' }) url: string;
  @ApiProperty({ example: '2026-12-02T14:30:00.000Z' }) expiresAt: string;
}
