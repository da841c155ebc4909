import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, In, Not } from 'typeorm';
import { Actor, assertCan, Permission } from '../auth/actor';
import { Caption } from '../captions/caption.entity';
import { PublishingService } from '../publishing/publishing.service';
import { ArticleError, ArticleErrorCode } from './article-error';
import { Article } from './article.entity';
import { captionsOf, lockArticle } from './articles.service';
import { Byline } from './byline.entity';
import { bylinesOf } from './bylines';
import { DismissedDuplicatePair } from './dismissed-duplicate.entity';
import { dismissedPairKey } from './dismissed-pairs';
import { diffParagraphs, ParagraphDiffRow } from './paragraph-diff';
import { assertVersionNamingEditor, snapshotOf, writeRevision } from './revisions';

export interface DuplicateComparison {
  duplicate: Article;
  original: Article;
  headline: ParagraphDiffRow;
  paragraphs: ParagraphDiffRow[];
}

export interface MergeResult {
  kept: Article;
  retired: Article;
}

/** The duplicates queue: articles the importer flagged `exact` or `near`, and how editors resolve them. */
@Injectable()
export class DuplicatesService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly publishing: PublishingService,
  ) {}

  /** Both articles side by side, with a paragraph diff from the original (left) to the duplicate (right). */
  async compare(duplicateId: number): Promise<DuplicateComparison> {
    const duplicate = await this.dataSource.getRepository(Article).findOneBy({ id: duplicateId });
    if (!duplicate) throw ArticleError.notFound(duplicateId);
    const original = await this.originalOf(this.dataSource.manager, duplicate);
    const [headline] = diffParagraphs([original.headline], [duplicate.headline]);
    return { duplicate, original, headline, paragraphs: diffParagraphs(original.body, duplicate.body) };
  }

  /**
   * Resolves a flagged pair by keeping one article (`keepId`: the duplicate or its original). The other one
   * becomes `unpublished` with `mergedIntoId` pointing at the kept one; its captions and bylines move to the
   * kept article, and articles flagged against it are re-pointed at the kept one. The editor decided on the
   * two articles as compared, so both versions are checked (`expectedVersion` the duplicate's,
   * `expectedOriginalVersion` the original's); either stale refuses the merge, naming who saved it. An
   * absent version is not checked.
   */
  async merge(duplicateId: number, keepId: number, actor: Actor, expectedVersion?: number, expectedOriginalVersion?: number): Promise<MergeResult> {
    assertCan(actor, Permission.MergeDuplicates);
    await this.publishing.prepareWebhooks();
    const { kept, retired, announce } = await this.dataSource.transaction(async (manager) => {
      const duplicate = await lockArticle(manager, duplicateId);
      await assertVersionNamingEditor(manager, duplicate, expectedVersion);
      const originalId = this.flaggedOriginalId(duplicate);
      if (keepId !== duplicateId && keepId !== originalId) {
        throw new ArticleError(ArticleErrorCode.InvalidTransition, `article ${keepId} is not part of the pair ${duplicateId} / ${originalId}: keep one of those two`);
      }
      const original = await lockArticle(manager, originalId);
      await assertVersionNamingEditor(manager, original, expectedOriginalVersion);
      const [keep, retire] = keepId === duplicateId ? [duplicate, original] : [original, duplicate];
      const before = new Map([
        [keep.id, snapshotOf(keep, await captionsOf(manager, keep.id), await bylinesOf(manager, keep.id))],
        [retire.id, snapshotOf(retire, await captionsOf(manager, retire.id), await bylinesOf(manager, retire.id))],
      ]);

      const bylinesMoved = await moveBylines(manager, retire.id, keep.id);
      const captionsMoved = await moveCaptions(manager, retire.id, keep.id);
      await manager.update(Article, { duplicateOfId: retire.id, id: Not(In([keep.id, retire.id])) }, { duplicateOfId: keep.id });

      for (const article of [keep, retire]) clearFlag(article);
      retire.mergedIntoId = keep.id;
      const wasPublished = this.publishing.retireMergedWithin(retire);
      keep.version += 1;
      retire.version += 1;
      await manager.save([keep, retire]);
      if (wasPublished) await this.publishing.queueUnpublishedWithin(manager, retire);
      // Both versions go into History, in the same transaction: the merge and its record commit together.
      const merge = { keptId: keep.id, retiredId: retire.id, captionsMoved, bylinesMoved };
      for (const article of [keep, retire]) {
        const after = snapshotOf(article, await captionsOf(manager, article.id), await bylinesOf(manager, article.id));
        await writeRevision(manager, article, before.get(article.id)!, after, actor, { merge });
      }
      return { kept: keep, retired: retire, announce: wasPublished };
    });
    if (announce) this.publishing.announceUnpublished(retired, actor);
    return { kept, retired };
  }

  /**
   * "Not a duplicate": clears the flag and remembers the pair of copies, so the importer does not flag
   * the same pair again on the next import. The decision is a new version with a revision, so History says
   * who cleared the flag (which lets the article be published) and against which article; its copy is as it was.
   */
  async dismiss(duplicateId: number, actor: Actor, expectedVersion?: number, expectedOriginalVersion?: number): Promise<Article> {
    assertCan(actor, Permission.MergeDuplicates);
    return this.dataSource.transaction(async (manager) => {
      const duplicate = await lockArticle(manager, duplicateId);
      await assertVersionNamingEditor(manager, duplicate, expectedVersion);
      // The pair is remembered by both texts' hashes: the original must still be the copy the editor compared.
      const original = await lockArticle(manager, this.flaggedOriginalId(duplicate));
      await assertVersionNamingEditor(manager, original, expectedOriginalVersion);
      await manager
        .createQueryBuilder()
        .insert()
        .into(DismissedDuplicatePair)
        .values({ ...dismissedPairKey(duplicate.contentHash, original.contentHash), articleId: duplicate.id, otherArticleId: original.id, dismissedById: actor.kind === 'user' ? actor.id : null })
        .orIgnore()
        .execute();
      const notDuplicate = { otherArticleId: original.id, kind: duplicate.duplicateKind!, score: duplicate.duplicateScore };
      const copy = snapshotOf(duplicate, await captionsOf(manager, duplicate.id), await bylinesOf(manager, duplicate.id));
      clearFlag(duplicate);
      duplicate.version += 1;
      const saved = await manager.save(duplicate);
      await writeRevision(manager, saved, copy, copy, actor, { notDuplicate });
      return saved;
    });
  }

  private flaggedOriginalId(duplicate: Article): number {
    if (duplicate.duplicateOfId === null) {
      throw new ArticleError(ArticleErrorCode.InvalidTransition, `article ${duplicate.id} is not flagged as a duplicate`);
    }
    return duplicate.duplicateOfId;
  }

  private async originalOf(manager: EntityManager, duplicate: Article): Promise<Article> {
    const originalId = this.flaggedOriginalId(duplicate);
    const original = await manager.findOneBy(Article, { id: originalId });
    if (!original) throw ArticleError.notFound(originalId);
    return original;
  }
}

function clearFlag(article: Article): void {
  article.duplicateOfId = null;
  article.duplicateOf = null;
  article.duplicateKind = null;
  article.duplicateScore = null;
}

/**
 * Bylines the kept article lacks move over; ones it already has (same author and role) go with the retired
 * copy. Returns how many moved.
 */
async function moveBylines(manager: EntityManager, fromId: number, toId: number): Promise<number> {
  const existing = await manager.find(Byline, { where: { articleId: toId } });
  const has = new Set(existing.map((byline) => `${byline.authorId}:${byline.role}`));
  let position = existing.reduce((max, byline) => Math.max(max, byline.position), -1);
  const moving = (await manager.find(Byline, { where: { articleId: fromId }, order: { position: 'ASC' } })).filter(
    (byline) => !has.has(`${byline.authorId}:${byline.role}`),
  );
  for (const byline of moving) await manager.update(Byline, { id: byline.id }, { articleId: toId, position: ++position });
  return moving.length;
}

/** Captions for photos the kept article does not print yet move over, after its own. Returns how many moved. */
async function moveCaptions(manager: EntityManager, fromId: number, toId: number): Promise<number> {
  const existing = await manager.find(Caption, { where: { articleId: toId } });
  const photos = new Set(existing.map((caption) => caption.photoId));
  let position = existing.reduce((max, caption) => Math.max(max, caption.position), -1);
  const moving = (await manager.find(Caption, { where: { articleId: fromId }, order: { position: 'ASC' } })).filter(
    (caption) => !photos.has(caption.photoId),
  );
  for (const caption of moving) await manager.update(Caption, { id: caption.id }, { articleId: toId, position: ++position });
  return moving.length;
}
