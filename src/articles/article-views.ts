import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArticleStatus, DuplicateKind } from './article-status';
import { TermView } from '../sections/term.view';
import { BylineRole } from './byline.entity';

/**
 * Up to this many matches a listing's `meta.total` is counted exactly; beyond, counting stops there and the
 * planner's estimate is given instead (marked as one), so a listing of a million articles never counts a million rows.
 */
export const EXACT_TOTAL_LIMIT = 10_000;

const PUBLISHED_AT_NOTE = 'When it was last published: a republished (corrected) article shows its latest publication; null if it never was';
const FIRST_PUBLISHED_AT_NOTE = 'When it was first published; stays the same when it is unpublished and published again';
const UPDATED_AT_NOTE = 'When the article itself last changed: an edit (copy, bylines, captions, section, tags), a publication or an unpublication';

export class BylineView {
  @ApiProperty({ example: 12, description: 'The author id (see GET /api/authors/:id)' }) id: number;
  @ApiProperty({ example: 'Ahmad Al-Rubaye' }) name: string;
  @ApiProperty({ enum: BylineRole, example: BylineRole.Writer }) role: BylineRole;
}

export class PhotographerView {
  @ApiProperty({ example: 31 }) id: number;
  @ApiProperty({ example: 'Ahmad Al-Rubaye' }) name: string;
}

export class PhotoRenditionView {
  @ApiProperty({ enum: ['thumbnail', 'web'], example: 'web', description: 'thumbnail: 320 px wide; web: 1280 px wide (never enlarged)' }) name: 'thumbnail' | 'web';
  @ApiProperty({ example: 'https://news.example.com/media/photos/5/web/3f2a9c0d1e2b4a5f.jpg', description: 'Absolute when PUBLIC_BASE_URL is set, else a path on this server; changes with the picture, so it may be cached for good' })
  href: string;
  @ApiProperty({ example: 1280 }) width: number;
  @ApiProperty({ example: 853 }) height: number;
  @ApiProperty({ example: 'image/jpeg' }) contentType: string;
}

export class ArticlePhotoView {
  @ApiProperty({ example: 5 }) id: number;
  @ApiProperty({ example: 9, description: 'The caption id (PATCH /api/captions/:id)' }) captionId: number;
  @ApiProperty({ nullable: true, type: String, example: 'https://images.example.com/5.jpg' }) url: string | null;
  @ApiProperty({ example: 'Iraqi Prime Minister Mohammed Shia al-Sudani (C) meets Ali Larijani in Baghdad' }) caption: string;
  @ApiProperty({ nullable: true, type: String, example: 'Photo by AHMAD AL-RUBAYE / AFP' }) credit: string | null;
  @ApiProperty({ nullable: true, type: String, example: 'AFP' }) agency: string | null;
  @ApiProperty({ nullable: true, type: PhotographerView }) photographer: PhotographerView | null;
  @ApiProperty({ type: PhotoRenditionView, isArray: true, description: 'The served sizes of the attached picture, smallest first; empty until a picture is attached' })
  renditions: PhotoRenditionView[];
}

export class ArticleSummaryView {
  @ApiProperty({ example: 42 }) id: number;
  @ApiProperty({ example: 'regional-shifts-loom-over-larijanis-talks-in-baghdad' }) slug: string;
  @ApiProperty({ example: 'Regional Shifts Loom over Larijani’s Talks in Baghdad' }) headline: string;
  @ApiProperty({ nullable: true, type: String, example: '2026-11-26T09:00:00.000Z', description: PUBLISHED_AT_NOTE }) publishedAt: string | null;
  @ApiProperty({ nullable: true, type: String, example: '2026-11-26T08:00:00.000Z', description: FIRST_PUBLISHED_AT_NOTE }) firstPublishedAt: string | null;
  @ApiProperty({ type: String, example: '2026-11-26T09:05:00.000Z', description: UPDATED_AT_NOTE }) updatedAt: string;
  @ApiProperty({ nullable: true, type: String, description: 'First paragraph' }) summary: string | null;
  @ApiProperty({ type: BylineView, isArray: true }) bylines: BylineView[];
  @ApiPropertyOptional({ description: 'Search results only: HTML-escaped body excerpt with matches in <mark>…</mark>' }) snippet?: string;
  @ApiPropertyOptional({ description: 'Search results only: relevance (higher is better)' }) rank?: number;
  @ApiPropertyOptional({ enum: ArticleStatus, description: 'Only for callers who may read drafts' }) status?: ArticleStatus;
  @ApiPropertyOptional({ nullable: true, type: String, description: 'Only for callers who may read drafts' }) scheduledAt?: string | null;
  @ApiPropertyOptional({ description: 'Only for callers who may read drafts' }) version?: number;
  @ApiPropertyOptional({ nullable: true, type: Number, description: 'Only for callers who may read drafts: the article this one was flagged as duplicating (null when not flagged)' })
  duplicateOf?: number | null;
  @ApiPropertyOptional({ nullable: true, enum: DuplicateKind, description: 'Only for callers who may read drafts: exact or near duplicate; publishing is refused until resolved (POST …/merge or …/not-a-duplicate)' })
  duplicateKind?: DuplicateKind | null;
  @ApiPropertyOptional({ description: 'Only for callers who may read drafts: an editor should look at it first (a duplicate flag, or parser anomalies: GET …/source)' })
  needsReview?: boolean;
}

export class PageMetaView {
  @ApiProperty({ type: 'integer', minimum: 0, example: 137, description: 'How many articles match the listing (all pages, not this one)' }) total: number;
  @ApiProperty({
    example: false,
    description: `false: total is exact. true: more than ${EXACT_TOTAL_LIMIT} match, and total is the database's estimate (it may be off by a few percent)`,
  })
  totalIsEstimate: boolean;
}

export class ArticlePageView {
  @ApiProperty({ type: ArticleSummaryView, isArray: true }) items: ArticleSummaryView[];
  @ApiProperty({ nullable: true, type: String, description: 'Pass as ?cursor= for the next page; null on the last page' }) nextCursor: string | null;
  @ApiProperty({ type: PageMetaView }) meta: PageMetaView;
}

export class RelatedArticleView {
  @ApiProperty({ example: 57 }) id: number;
  @ApiProperty({ example: 'irans-security-chief-signs-border-pact-on-baghdad-visit' }) slug: string;
  @ApiProperty({ example: 'Iran’s Security Chief Signs Border Pact on Baghdad Visit' }) headline: string;
  @ApiPropertyOptional({ enum: ArticleStatus, description: 'Only for callers who may read drafts' }) status?: ArticleStatus;
}

export class ArticleDetailView {
  @ApiProperty({ example: 42 }) id: number;
  @ApiProperty({ example: 'regional-shifts-loom-over-larijanis-talks-in-baghdad' }) slug: string;
  @ApiProperty({ example: 'Regional Shifts Loom over Larijani’s Talks in Baghdad' }) headline: string;
  @ApiProperty({ type: String, isArray: true, description: 'Paragraphs in print order' }) body: string[];
  @ApiProperty({ enum: ArticleStatus }) status: ArticleStatus;
  @ApiProperty({ nullable: true, type: String, description: PUBLISHED_AT_NOTE }) publishedAt: string | null;
  @ApiProperty({ nullable: true, type: String, description: FIRST_PUBLISHED_AT_NOTE }) firstPublishedAt: string | null;
  @ApiProperty({ nullable: true, type: String, description: 'When a scheduled publication is due' }) scheduledAt: string | null;
  @ApiProperty({ example: 3, description: 'Send back as If-Match or "version" when updating' }) version: number;
  @ApiProperty() createdAt: string;
  @ApiProperty({ description: UPDATED_AT_NOTE }) updatedAt: string;
  @ApiProperty({ type: BylineView, isArray: true }) bylines: BylineView[];
  @ApiProperty({ type: ArticlePhotoView, isArray: true }) photos: ArticlePhotoView[];
  @ApiProperty({ type: TermView, nullable: true, description: 'Where it goes on the website' }) section: TermView | null;
  @ApiProperty({ type: TermView, isArray: true, description: 'What it is about, by name' }) tags: TermView[];
  @ApiProperty({
    type: RelatedArticleView,
    isArray: true,
    description:
      'Related coverage: other articles reporting the same event in other words, linked at import (never duplicates, never merged). Publicly, published ones only; oldest first.',
  })
  related: RelatedArticleView[];
  @ApiPropertyOptional({ nullable: true, type: Number, description: 'Only for callers who may read drafts: the article this one was flagged as duplicating (null when not flagged)' })
  duplicateOf?: number | null;
  @ApiPropertyOptional({ nullable: true, enum: DuplicateKind, description: 'Only for callers who may read drafts: exact or near duplicate; publishing is refused until resolved (POST …/merge or …/not-a-duplicate)' })
  duplicateKind?: DuplicateKind | null;
  @ApiPropertyOptional({ description: 'Only for callers who may read drafts: an editor should look at it first (a duplicate flag, or parser anomalies: GET …/source)' })
  needsReview?: boolean;
}

export class AuthorPageView {
  @ApiProperty({ example: 12 }) id: number;
  @ApiProperty({ example: 'Ahmad Al-Rubaye' }) name: string;
  @ApiProperty({ type: ArticlePageView, description: 'Their work, newest first' }) articles: ArticlePageView;
}
