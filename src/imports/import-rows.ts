import { EntityManager } from 'typeorm';
import { insertImportedArticles } from '../articles/article-rows';
import { addBylines, BylineToAdd } from '../articles/bylines';
import { BylineRole } from '../articles/byline.entity';
import { upsertAuthorsByKey } from '../authors/author-rows';
import { addCaptions, CaptionToAdd } from '../captions/caption-rows';
import { PhotoToKeep, upsertPhotosByFingerprint } from '../photos/photo-rows';
import { authorKey, displayName, photoFingerprint, WirePhoto } from '../wire';
import type { ResolvedArticle } from './duplicate-resolution';
import type { ImportReport } from './import-report';

/**
 * Writes what the resolution decided through each table's owner: article rows (articles module), authors,
 * photos, captions and bylines. Sets `articleId` on the new articles. `staged` holds the dump positions of the
 * articles whose copy and full-text vector were staged beside the transaction (`stageCopies`); the others' copy is
 * sent with the row and the table's trigger stems it.
 */
export async function writeNewArticles(
  manager: EntityManager,
  importId: number,
  entries: readonly ResolvedArticle[],
  staged: ReadonlySet<number>,
): Promise<void> {
  const ids = await insertImportedArticles(
    manager,
    importId,
    entries.map(({ parsed }) => ({
      index: parsed.index,
      headline: parsed.headline,
      body: parsed.body,
      contentHash: parsed.contentHash,
      signature: parsed.signature,
      lshBands: parsed.lshBands,
      headlineKeys: parsed.headlineKeys,
      relatedKeys: parsed.relatedKeys,
      lines: parsed.lines,
      anomalies: parsed.anomalies,
      source: parsed.source,
      staged: staged.has(parsed.index),
    })),
  );
  entries.forEach((entry, position) => {
    entry.articleId = ids[position];
  });
}

/**
 * Upserts authors (bylines, photographers) and photos by their normalised keys, then links them to the
 * articles: a merged copy adds only the photos and people its article lacks.
 */
export async function attachPeopleAndPhotos(manager: EntityManager, entries: readonly ResolvedArticle[], report: ImportReport): Promise<void> {
  // Each photo is fingerprinted and each name keyed once: both are hashed normalisations, and a batch names the
  // same few photographers and agencies hundreds of times.
  const keys = new Map<string, string>();
  const keyOf = (name: string) => {
    let key = keys.get(name);
    if (key === undefined) keys.set(name, (key = authorKey(name)));
    return key;
  };
  const fingerprints = new Map<WirePhoto, string>();
  const authorNames = new Map<string, string>();
  const photoKeys = new Map<string, { credit: string | null; agency: string | null; photographerKey: string | null }>();
  for (const { parsed } of entries) {
    for (const name of parsed.bylines) authorNames.set(keyOf(name), displayName(name));
    for (const photo of parsed.photos) {
      const photographerKey = photo.photographer ? keyOf(photo.photographer) : null;
      if (photo.photographer && photographerKey) authorNames.set(photographerKey, displayName(photo.photographer));
      const fingerprint = photoFingerprint(photo, keyOf);
      fingerprints.set(photo, fingerprint);
      photoKeys.set(fingerprint, { credit: photo.credit, agency: photo.agency, photographerKey });
    }
  }
  authorNames.delete('');

  const authors = await upsertAuthorsByKey(manager, authorNames);
  report.counts.authorsCreated += authors.created;
  const photosToKeep = new Map<string, PhotoToKeep>();
  for (const [fingerprint, { credit, agency, photographerKey }] of photoKeys) {
    photosToKeep.set(fingerprint, { credit, agency, photographerId: photographerKey ? authors.ids.get(photographerKey) ?? null : null });
  }
  const photos = await upsertPhotosByFingerprint(manager, photosToKeep);
  report.counts.photosCreated += photos.created;

  const captions: CaptionToAdd[] = entries.flatMap((entry) =>
    entry.parsed.photos.map((photo) => ({ articleId: entry.articleId!, photoId: photos.ids.get(fingerprints.get(photo)!)!, text: photo.caption })),
  );
  await addCaptions(manager, captions);

  // Writers from `By …` lines, then photographers from credits, in print order.
  const bylines: BylineToAdd[] = [];
  for (const entry of entries) {
    const people = [
      ...entry.parsed.bylines.map((name) => ({ key: keyOf(name), role: BylineRole.Writer })),
      ...entry.parsed.photos.filter((photo) => photo.photographer).map((photo) => ({ key: keyOf(photo.photographer!), role: BylineRole.Photographer })),
    ];
    people.forEach((person, position) => {
      const authorId = authors.ids.get(person.key);
      if (authorId !== undefined) bylines.push({ articleId: entry.articleId!, authorId, role: person.role, position });
    });
  }
  await addBylines(manager, bylines);
}
