import { Column, CreateDateColumn, Entity, PrimaryColumn } from 'typeorm';

/**
 * An imported article's copy (headline, body, MinHash signature) and full-text vector, written by the importer on
 * a connection of its own one batch ahead of the import's transaction, which then copies them into `articles`. So
 * the copy crosses from the application to PostgreSQL once, and the vector (stemming is about half the cost of an
 * imported row) is computed on another core while the transaction writes the previous batch, and never travels.
 *
 * UNLOGGED (see the migration): rows live for about two batches of one import and are rebuilt from the dump if
 * lost, so they are not worth WAL; a crash of the server empties the table. Keyed by the import and the article's
 * position in the dump. No foreign key: the import's own row is not committed yet when its copies are staged.
 */
@Entity({ name: 'article_staged_copies' })
export class ArticleStagedCopy {
  @PrimaryColumn({ type: 'integer' })
  importId: number;

  /** The article's position in its dump (`ParsedArticle.index`). */
  @PrimaryColumn({ type: 'integer' })
  position: number;

  @Column({ type: 'text' })
  headline: string;

  @Column({ type: 'text', array: true })
  body: string[];

  @Column({ type: 'bytea' })
  minhash: Buffer;

  @Column({ type: 'tsvector' })
  searchVector: string;

  /** Rows older than an import could take to use them were left by an import whose process died; they are swept. */
  @CreateDateColumn({ type: 'timestamptz' })
  stagedAt: Date;
}
