import {
  BaseEntity,
  Check,
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  OneToMany,
  PrimaryGeneratedColumn,
  UpdateDateColumn,
} from 'typeorm';
import type { User } from '../auth/user.entity';
import type { Caption } from '../captions/caption.entity';
import type { Import } from '../imports/import.entity';
import type { ParseAnomaly } from '../wire';
import { ArticleStatus, DuplicateKind } from './article-status';
import type { Section } from '../sections/section.entity';
import type { Byline } from './byline.entity';

@Entity({ name: 'articles' })
@Check('CHK_articles_status', `"status" IN ('draft', 'published', 'unpublished', 'spiked')`)
@Check('CHK_articles_duplicate', `("duplicateOfId" IS NULL) = ("duplicateKind" IS NULL)`)
@Check('CHK_articles_duplicate_kind', `"duplicateKind" IN ('exact', 'near')`)
@Check('CHK_articles_source_lines', `"sourceLineStart" IS NULL OR "sourceLineEnd" >= "sourceLineStart"`)
// The public feed (published only, newest first). Partial, like every index below whose WHERE most imported rows
// fail: an import inserts drafts, and a row outside an index's predicate costs that index nothing to insert.
@Index('IDX_articles_public_feed', ['publishedAt', 'id'], { where: `"status" = 'published'` })
// The admin panel's Articles list: one index per sortable column, ending in the list's tie-breakers, so any
// sort (and the status / duplicate / import filters) reads the first page straight off an index. They also serve
// the other lookups on their leading column (import, scheduled time), so those columns have no index of their own.
@Index('IDX_articles_list_updated', ['updatedAt', 'id'])
@Index('IDX_articles_list_headline', ['headline', 'id'])
@Index('IDX_articles_list_status', ['status', 'updatedAt', 'id'])
@Index('IDX_articles_list_duplicate', ['duplicateKind', 'updatedAt', 'id'])
@Index('IDX_articles_list_import', ['importId', 'updatedAt', 'id'])
@Index('IDX_articles_list_scheduled', ['scheduledAt', 'id'])
// The Needs review queue: only the articles waiting for review are in the index.
@Index('IDX_articles_needs_review', ['updatedAt', 'id'], { where: `"needsReview"` })
export class Article extends BaseEntity {
  @PrimaryGeneratedColumn()
  id: number;

  @Index('UQ_articles_slug', { unique: true })
  @Column({ type: 'varchar', length: 200 })
  slug: string;

  @Column({ type: 'text' })
  headline: string;

  /** Body paragraphs in print order. */
  @Column({ type: 'text', array: true, default: () => "'{}'" })
  body: string[];

  @Column({ type: 'varchar', length: 16, default: ArticleStatus.Draft })
  status: ArticleStatus;

  /** The latest publication: a republished (corrected) article moves up the feed. */
  @Column({ type: 'timestamptz', nullable: true })
  publishedAt: Date | null;

  /** The first publication, kept when the article is unpublished and published again. */
  @Column({ type: 'timestamptz', nullable: true })
  firstPublishedAt: Date | null;

  @Column({ type: 'timestamptz', nullable: true })
  scheduledAt: Date | null;

  /** Optimistic lock: every write must name the version it read, and bumps it. */
  @Column({ type: 'integer', default: 1 })
  version: number;

  /** SHA-256 of the normalised headline and body; equal hashes are exact duplicates. */
  @Index('IDX_articles_content_hash')
  @Column({ type: 'char', length: 64 })
  contentHash: string;

  // RESTRICT: an article that others are flagged against stays until an editor resolves those flags.
  @ManyToOne('Article', { nullable: true, onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'duplicateOfId' })
  duplicateOf: Article | null;

  // Looked up by value only (merges, the foreign key's checks), never for NULL: unflagged rows stay out.
  @Index('IDX_articles_duplicate_of', { where: `"duplicateOfId" IS NOT NULL` })
  @Column({ type: 'integer', nullable: true })
  duplicateOfId: number | null;

  @Column({ type: 'varchar', length: 8, nullable: true })
  duplicateKind: DuplicateKind | null;

  /** Estimated Jaccard similarity to `duplicateOf` (1 for exact duplicates). */
  @Column({ type: 'real', nullable: true })
  duplicateScore: number | null;

  /** Set when an editor merged this duplicate into another article: the copy that was kept. */
  @ManyToOne('Article', { nullable: true, onDelete: 'SET NULL' })
  @JoinColumn({ name: 'mergedIntoId' })
  mergedInto: Article | null;

  @Index('IDX_articles_merged_into', { where: `"mergedIntoId" IS NOT NULL` })
  @Column({ type: 'integer', nullable: true })
  mergedIntoId: number | null;

  @ManyToOne('Import', { nullable: true, onDelete: 'SET NULL' })
  @JoinColumn({ name: 'importId' })
  import: Import | null;

  @Column({ type: 'integer', nullable: true })
  importId: number | null;

  /** 1-based line range in the imported file. */
  @Column({ type: 'integer', nullable: true })
  sourceLineStart: number | null;

  @Column({ type: 'integer', nullable: true })
  sourceLineEnd: number | null;

  /** What the parser had to guess when it read this article from its dump (code, source lines, message). */
  @Column({ type: 'jsonb', default: () => "'[]'" })
  anomalies: ParseAnomaly[];

  /** Set by the import when the parser guessed anything; cleared when an editor marks the article reviewed. */
  @Column({ type: 'boolean', default: false })
  needsReview: boolean;

  @Column({ type: 'timestamptz', nullable: true })
  reviewedAt: Date | null;

  @ManyToOne('User', { nullable: true, onDelete: 'SET NULL' })
  @JoinColumn({ name: 'reviewedById' })
  reviewedBy: User | null;

  @Index('IDX_articles_reviewed_by', { where: `"reviewedById" IS NOT NULL` })
  @Column({ type: 'integer', nullable: true })
  reviewedById: number | null;

  /** MinHash signature of the copy (see src/wire/dedup.ts), kept to confirm near-duplicate candidates. */
  @Column({ type: 'bytea', nullable: true, select: false })
  minhash: Buffer | null;

  /**
   * LSH band hashes of `minhash`. Articles sharing any value are near-duplicate candidates, found through a
   * GIN index, so checking a new article costs the same however large the archive grows.
   */
  @Index('IDX_articles_lsh_bands', { synchronize: false })
  @Column({ type: 'integer', array: true, nullable: true, select: false })
  lshBands: number[] | null;

  /** Related-coverage keys (see src/wire/related.ts): articles sharing one are candidates for reporting the same event. */
  @Index('IDX_articles_related_keys', { synchronize: false })
  @Column({ type: 'integer', array: true, nullable: true, select: false })
  relatedKeys: number[] | null;

  /**
   * Headline (weight A) and body (weight B) as `wiredesk_search_vector` reads them, kept by a trigger
   * (`articles_search_vector`) on every insert and on every change of headline or body. Not a generated column
   * because the importer computes the vectors of a batch on another connection while its transaction writes the
   * previous batch (stemming is half the cost of an article's insert) and supplies them with the rows; the
   * trigger computes whatever is not supplied.
   */
  @Index('IDX_articles_search', { synchronize: false })
  @Column({ type: 'tsvector', select: false, insert: false, update: false })
  searchVector: string;

  // RESTRICT: a section in use is renamed, not deleted (TaxonomyService says so first).
  @ManyToOne('Section', { nullable: true, onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'sectionId' })
  section: Section | null;

  @Index('IDX_articles_section', { where: `"sectionId" IS NOT NULL` })
  @Column({ type: 'integer', nullable: true })
  sectionId: number | null;

  @OneToMany('Byline', (byline: Byline) => byline.article)
  bylines: Byline[];

  @OneToMany('Caption', (caption: Caption) => caption.article)
  captions: Caption[];

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}
