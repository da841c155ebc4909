import { BaseEntity, Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import type { User } from '../auth/user.entity';
import type { ArticleStatus, DuplicateKind } from './article-status';
import type { Article } from './article.entity';
import type { BylineRole } from './byline.entity';

/** The editable copy of an article at one version: what a revision restores. */
export interface ArticleSnapshot {
  headline: string;
  slug: string;
  body: string[];
  /** Caption texts by caption id, as they were after this save. */
  captions: Record<string, string>;
  /** Each caption's place among the article's photos, by caption id; absent from revisions written before captions could be moved. */
  captionPositions?: Record<string, number>;
  /** Bylines in order; absent from revisions written before bylines were editable. */
  bylines?: Array<{ authorId: number; role: BylineRole; name: string }>;
  /** The section (with its name then); absent from revisions written before sections, or by saves that do not touch them. */
  section?: { id: number; name: string } | null;
  /** Tags by name; absent as for `section`. */
  tags?: Array<{ id: number; name: string }>;
}

export interface FieldChange<T = unknown> {
  from: T;
  to: T;
}

/** A duplicates merge that this version records: which article was kept and what moved to it. */
export interface MergeNote {
  keptId: number;
  retiredId: number;
  captionsMoved: number;
  bylinesMoved: number;
}

/** An editor's "Not a duplicate" decision that this version records: the article it had been flagged against, and how. */
export interface NotDuplicateNote {
  otherArticleId: number;
  kind: DuplicateKind;
  score: number | null;
}

/**
 * A restore that this version records: the saved version it brought back, and the captions of that version
 * that had left the article since (a merge moves captions to the article it keeps), whose text and place were
 * therefore not restored.
 */
export interface RestoreNote {
  revisionId: number;
  version: number;
  /** The copy restored was the original (as imported, or as created), from before revision `revisionId`. */
  original?: boolean;
  skippedCaptions: Array<{ id: number; text: string }>;
}

/** An editor's review of what the parser guessed: the anomalies the article carried when it was marked reviewed. */
export interface ReviewedNote {
  anomalies: string[];
}

/** A spike or unspike that this version records, and the status the article had before it. */
export interface SpikeNote {
  spiked: boolean;
  previousStatus: ArticleStatus;
}

/**
 * Fields of the snapshot that this save changed, with their value before and after; `merge` when a merge
 * made it, `notDuplicate` when an editor cleared a duplicate flag, `restore` when it restored an earlier version,
 * `reviewed` when an editor marked what the parser guessed as checked.
 */
export type RevisionChanges = Partial<{ [K in keyof ArticleSnapshot]: FieldChange<ArticleSnapshot[K]> }> & {
  merge?: MergeNote;
  notDuplicate?: NotDuplicateNote;
  restore?: RestoreNote;
  reviewed?: ReviewedNote;
  spike?: SpikeNote;
};

/** One save of an article: who, when, what changed, and the copy as it stood afterwards. */
@Entity({ name: 'article_revisions' })
@Index('IDX_article_revisions_article_version', ['articleId', 'version'], { unique: true })
export class ArticleRevision extends BaseEntity {
  @PrimaryGeneratedColumn()
  id: number;

  @ManyToOne('Article', { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'articleId' })
  article: Article;

  @Column({ type: 'integer' })
  articleId: number;

  /** The article's version this save produced. */
  @Column({ type: 'integer' })
  version: number;

  // SET NULL: removing an account keeps the history; `actorName` still says who it was.
  @ManyToOne('User', { nullable: true, onDelete: 'SET NULL' })
  @JoinColumn({ name: 'userId' })
  user: User | null;

  @Index('IDX_article_revisions_user')
  @Column({ type: 'integer', nullable: true })
  userId: number | null;

  /** Who saved, readable: an editor's email, a token's name or a system job. */
  @Column({ type: 'varchar', length: 254 })
  actorName: string;

  @Column({ type: 'jsonb' })
  changes: RevisionChanges;

  @Column({ type: 'jsonb' })
  snapshot: ArticleSnapshot;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}
