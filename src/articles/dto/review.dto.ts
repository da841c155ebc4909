import { ApiProperty } from '@nestjs/swagger';
import type { AnomalyCode } from '../../wire';
import type { ArticleSourceView, SourceLine } from '../review.service';

export class SourceLineView implements SourceLine {
  @ApiProperty({ example: 12, description: '1-based line number in the dump' }) number: number;
  @ApiProperty({ example: 'TT', description: 'The line as the parser read it (normalised); empty for a blank line' }) text: string;
}

export class ParseAnomalyView {
  @ApiProperty({
    example: 'header-printed-once',
    enum: [
      'unattached-lines', 'headline-guessed', 'header-printed-once', 'prints-disagree', 'unexpected-header-lines',
      'caption-without-credit', 'caption-in-body', 'long-headline', 'no-body', 'truncated',
    ],
  })
  code: AnomalyCode;

  @ApiProperty({ example: [14, 19], type: [Number], description: 'First and last dump line the anomaly is about' }) lines: [number, number];
  @ApiProperty({ example: 'the headline and photo block are printed once, not twice; check the captions and the first paragraph' }) message: string;
}

export class ArticleSourceResponse implements ArticleSourceView {
  @ApiProperty({ example: 42 }) articleId: number;
  @ApiProperty({ example: 7, nullable: true, type: Number }) importId: number | null;
  @ApiProperty({ type: [SourceLineView] }) lines: SourceLineView[];
  @ApiProperty({ type: [ParseAnomalyView] }) anomalies: ParseAnomalyView[];
  @ApiProperty({ example: true, description: 'False once an editor marked the article reviewed' }) needsReview: boolean;
}
