import type { ActionContext, ActionRequest, ActionResponse, BaseRecord } from 'adminjs';
import { ArticleError, ArticleErrorCode } from '../../articles/article-error';
import { ArticleStatus, editPermissionFor } from '../../articles/article-status';
import type { ArticleChanges } from '../../articles/articles.service';
import { BylineRole } from '../../articles/byline.entity';
import { changedRow, diffParagraphs } from '../../articles/paragraph-diff';
import type { ArticleRevision, ArticleSnapshot, RestoreNote } from '../../articles/revision.entity';
import type { RestoreOutcome } from '../../articles/revisions.service';
import { copyFieldsOf } from '../../articles/revisions';
import type { PhotoCreditChange } from '../../photos/photo-credit-change.entity';
import { Permission } from '../../auth/actor';
import { formatDeskTime } from '../../common/desk-time';
import { actorOf, jsonPayload, NO_CHANGES_NOTICE, sessionCan, withNotices } from '../admin-actor';
import type { PanelContext } from '../panel-services';

type Handler = (request: ActionRequest, response: unknown, context: ActionContext) => Promise<ActionResponse>;

const recordJson = (context: ActionContext, record: BaseRecord | undefined = context.record) => record!.toJSON(context.currentAdmin);
const articleId = (context: ActionContext) => Number(context.record!.id());
const showUrl = (context: ActionContext, id: number | string = context.record!.id()) =>
  context.h.recordActionUrl({ resourceId: context.resource.id(), recordId: String(id), actionName: 'show' });

async function reloaded(context: ActionContext, id: number | string = context.record!.id()) {
  const record = await context.resource.findOne(String(id));
  return recordJson(context, record ?? undefined);
}

function requiredVersion(value: unknown): number {
  const version = Number(value);
  if (!Number.isInteger(version) || version < 1) {
    throw new ArticleError(ArticleErrorCode.VersionRequired, 'the save must name the version you edited (`version`)');
  }
  return version;
}

interface EditPayload {
  version: number;
  headline: string;
  slug: string;
  body: string[];
  captions: Array<{ id: number; text: string }>;
  /** The photos' new order: each caption with the place it takes. */
  captionPositions: Array<{ id: number; position: number }>;
  credits: Array<{ photoId: number; credit: string }>;
  bylines: Array<{ authorId: number; role: BylineRole }>;
  sectionId: number | null;
  tagIds: number[];
}

/**
 * The one-page article editor: headline, slug, paragraphs, bylines, and the captions and credits of its
 * photos, saved by one `ArticlesService.update` (one transaction: all of it or nothing). A save that changes
 * nothing stays on the page with a neutral notice: nothing was saved, and the version the editor holds is still current.
 */
export function editArticle({ services }: PanelContext): Handler {
  return withNotices(async (request, _response, context) => {
    const id = articleId(context);
    if (request.method !== 'post') return { record: recordJson(context), editor: await editorData(services, id) };
    const actor = await actorOf(services.users, context.currentAdmin);
    const input = jsonPayload<EditPayload>(request);
    const changes: ArticleChanges = {};
    if (typeof input.headline === 'string') changes.headline = input.headline.trim();
    if (typeof input.slug === 'string') changes.slug = input.slug.trim();
    if (Array.isArray(input.body)) changes.body = input.body.map(String).map((paragraph) => paragraph.trim()).filter(Boolean);
    if (Array.isArray(input.captions)) changes.captions = input.captions.map((caption) => ({ id: Number(caption.id), text: String(caption.text) }));
    if (Array.isArray(input.captionPositions)) {
      changes.captionPositions = input.captionPositions.map((entry) => ({ id: Number(entry.id), position: Number(entry.position) }));
    }
    if (Array.isArray(input.bylines)) changes.bylines = input.bylines.map((byline) => ({ authorId: Number(byline.authorId), role: byline.role }));
    if (input.credits !== undefined) changes.credits = creditsOf(input.credits);
    if (input.sectionId !== undefined) changes.sectionId = input.sectionId === null ? null : Number(input.sectionId);
    if (Array.isArray(input.tagIds)) changes.tagIds = input.tagIds.map(Number);
    const { changed } = await services.articles.update(id, changes, requiredVersion(input.version), actor);
    const [record, editor] = [await reloaded(context), await editorData(services, id)];
    if (!changed) return { record, editor, notice: NO_CHANGES_NOTICE };
    return { record, editor, redirectUrl: showUrl(context), notice: { message: 'Article saved', type: 'success' } };
  });
}

/** The form's credit fields; an empty one clears the photo's credit. */
function creditsOf(raw: unknown): NonNullable<ArticleChanges['credits']> {
  const entries = Array.isArray(raw) ? (raw as Array<{ photoId?: unknown; credit?: unknown }>) : null;
  if (!entries || entries.some((entry) => typeof entry?.credit !== 'string' || !Number.isSafeInteger(Number(entry.photoId)))) {
    throw new ArticleError(ArticleErrorCode.InvalidRequest, 'credits must be a list of { photoId, credit } with text credits');
  }
  return entries.map((entry) => ({ photoId: Number(entry.photoId), credit: (entry.credit as string).trim() || null }));
}

async function editorData(services: PanelContext['services'], id: number) {
  const { captions, bylines, sectionId, tagIds } = await services.articles.editorData(id);
  const term = ({ id, name }: { id: number; name: string }) => ({ id, name });
  return {
    sectionId,
    tagIds,
    sections: (await services.taxonomy.list('section')).map(term),
    tags: (await services.taxonomy.list('tag')).map(term),
    captions: captions.map((caption) => ({
      id: caption.id,
      text: caption.text,
      photoId: caption.photoId,
      position: caption.position,
      url: caption.photo.url,
      credit: caption.photo.credit ?? '',
      photographer: caption.photo.photographer?.name ?? null,
      agency: caption.photo.agency,
    })),
    bylines: bylines.map((byline) => ({ authorId: byline.authorId, name: byline.author.name, role: byline.role })),
  };
}

export function publishArticle({ services }: PanelContext): Handler {
  return withNotices(async (request, _response, context) => {
    if (request.method !== 'post') return { record: recordJson(context) };
    const actor = await actorOf(services.users, context.currentAdmin);
    await services.publishing.publish(articleId(context), actor, optionalVersion(request));
    return { record: await reloaded(context), redirectUrl: showUrl(context), notice: { message: 'Published', type: 'success' } };
  });
}

export function unpublishArticle({ services }: PanelContext): Handler {
  return withNotices(async (request, _response, context) => {
    if (request.method !== 'post') return { record: recordJson(context) };
    const actor = await actorOf(services.users, context.currentAdmin);
    await services.publishing.unpublish(articleId(context), actor, optionalVersion(request));
    return { record: await reloaded(context), redirectUrl: showUrl(context), notice: { message: 'Unpublished', type: 'success' } };
  });
}

export function spikeArticle({ services }: PanelContext): Handler {
  return withNotices(async (request, _response, context) => {
    if (request.method !== 'post') return { record: recordJson(context) };
    const actor = await actorOf(services.users, context.currentAdmin);
    await services.publishing.spike(articleId(context), actor, optionalVersion(request));
    return { record: await reloaded(context), redirectUrl: showUrl(context), notice: { message: 'Spiked: the article is in the Spiked list', type: 'success' } };
  });
}

export function unspikeArticle({ services }: PanelContext): Handler {
  return withNotices(async (request, _response, context) => {
    if (request.method !== 'post') return { record: recordJson(context) };
    const actor = await actorOf(services.users, context.currentAdmin);
    await services.publishing.unspike(articleId(context), actor, optionalVersion(request));
    return { record: await reloaded(context), redirectUrl: showUrl(context), notice: { message: 'Unspiked: the article is a draft again', type: 'success' } };
  });
}

export function scheduleArticle({ services }: PanelContext): Handler {
  return withNotices(async (request, _response, context) => {
    if (request.method !== 'post') return { record: recordJson(context) };
    const actor = await actorOf(services.users, context.currentAdmin);
    const at = new Date(String(request.payload?.at ?? ''));
    if (Number.isNaN(at.getTime())) throw new ArticleError(ArticleErrorCode.InvalidRequest, 'choose the date and time to publish at');
    await services.publishing.schedule(articleId(context), at, actor, optionalVersion(request));
    return { record: await reloaded(context), redirectUrl: showUrl(context), notice: { message: `Scheduled for ${formatDeskTime(at, request.payload?.timeZone)}`, type: 'success' } };
  });
}

/** Publishes each selected article; one refusal (a duplicate, already live) does not stop the others. */
export function bulkPublish({ services }: PanelContext): Handler {
  return async (request, _response, context) => {
    const records = context.records ?? [];
    if (request.method !== 'post') return { records: records.map((record) => recordJson(context, record)) };
    const actor = await actorOf(services.users, context.currentAdmin);
    const failures: string[] = [];
    for (const record of records) {
      try {
        await services.publishing.publish(Number(record.id()), actor);
      } catch (error) {
        if (!(error instanceof ArticleError)) throw error;
        failures.push(error.message);
      }
    }
    const published = records.length - failures.length;
    return {
      records: records.map((record) => recordJson(context, record)),
      redirectUrl: context.h.resourceActionUrl({ resourceId: context.resource.id(), actionName: 'list' }),
      notice: failures.length
        ? { message: `Published ${published} of ${records.length}. Not published: ${failures.join('; ')}`, type: 'error' }
        : { message: `Published ${published} article${published === 1 ? '' : 's'}`, type: 'success' },
    };
  };
}

/**
 * The Needs review page: the dump's numbered lines beside what the parser made of them, with each guess
 * (anomaly) and the lines it is about. POST marks the article reviewed (a new version, recorded in History);
 * from the queue the editor goes back to the queue, otherwise to the article.
 */
export function reviewArticle({ services }: PanelContext): Handler {
  return withNotices(async (request, _response, context) => {
    const id = articleId(context);
    const actor = await actorOf(services.users, context.currentAdmin);
    if (request.method === 'post') {
      const input = jsonPayload<{ version: number }>(request);
      const article = await services.review.markReviewed(id, actor, requiredVersion(input.version));
      const fromQueue = context.resource.id() === 'NeedsReview';
      return {
        record: await reloaded(context),
        redirectUrl: fromQueue ? context.h.resourceActionUrl({ resourceId: 'NeedsReview', actionName: 'list' }) : showUrl(context),
        notice: { message: `Marked reviewed: “${article.headline}” is at version ${article.version}`, type: 'success' },
      };
    }
    const source = await services.review.source(id, actor);
    const published = context.record!.params.status === ArticleStatus.Published;
    return {
      record: recordJson(context),
      review: {
        ...source,
        reviewedAt: context.record!.params.reviewedAt ?? null,
        canReview: sessionCan(context.currentAdmin, editPermissionFor(published)),
        editUrl: context.h.recordActionUrl({ resourceId: context.resource.id(), recordId: String(id), actionName: 'edit' }),
        ...(await editorData(services, id)),
      },
    };
  });
}

interface HistoryPayload {
  /** A revision's id, or `original` for the copy as imported (or created). */
  revisionId: number | 'original';
  version: number;
}

/** Every save with who, when and a diff against the save before it; POST restores one as a new save. */
export function articleHistory({ services }: PanelContext): Handler {
  return withNotices(async (request, _response, context) => {
    const id = articleId(context);
    if (request.method === 'post') {
      const actor = await actorOf(services.users, context.currentAdmin);
      const input = jsonPayload<HistoryPayload>(request);
      const restored =
        input.revisionId === 'original'
          ? await services.revisions.restoreOriginal(id, requiredVersion(input.version), actor)
          : await services.revisions.restore(id, Number(input.revisionId), requiredVersion(input.version), actor);
      return { record: await reloaded(context), ...(await historyOf(services, id)), notice: restoreNotice(restored, input.revisionId === 'original') };
    }
    return { record: recordJson(context), ...(await historyOf(services, id)) };
  });
}

/** The saves, newest first, and the original (as imported or created) below them once there has been a save. */
async function historyOf(services: PanelContext['services'], id: number) {
  const [revisions, credits, original, article] = [
    await services.revisions.list(id),
    await services.photos.creditChangesForArticle(id),
    await services.revisions.original(id),
    await services.articles.getById(id),
  ];
  return {
    history: interleave(describeRevisions(revisions), describeCreditChanges(credits)),
    original: original ? { headline: original.snapshot.headline, body: original.snapshot.body, importId: article.importId } : null,
  };
}

function restoreNotice({ changed, article, revision, skippedCaptions }: RestoreOutcome, original = false) {
  const skipped = skippedCaptions.length === 0 ? '' : ` ${describeSkipped(skippedCaptions)}`;
  const what = original ? 'the original' : `version ${revision.version}`;
  if (!changed) return { message: `Nothing to restore: the article already matches ${what}.${skipped}`, type: 'info' as const };
  return { message: `Restored ${what}; the article is now at version ${article.version}.${skipped}`, type: 'success' as const };
}

function describeSkipped(captions: RestoreNote['skippedCaptions']): string {
  const quoted = captions.map((caption) => `“${caption.text}”`).join(', ');
  return `Left out ${captions.length === 1 ? 'a caption that is' : `${captions.length} captions that are`} no longer in this article: ${quoted}.`;
}

/**
 * What editors call each part of the copy, for History's "Changed: …" line. Revisions, webhooks and the
 * API keep the field names; this is the one place that turns them into words for the panel.
 */
const COPY_FIELD_LABELS: Record<keyof ArticleSnapshot, string> = {
  headline: 'Headline',
  slug: 'URL slug',
  body: 'Body',
  captions: 'Captions',
  captionPositions: 'Photo order',
  bylines: 'Bylines',
  section: 'Section',
  tags: 'Tags',
};

/**
 * Versions and credit changes as one list, newest first. A save that changed copy and a credit writes both at
 * the same instant (one transaction): the version is listed first, its credit change right under it.
 */
function interleave<V extends { createdAt: string }, C extends { createdAt: string }>(versions: V[], credits: C[]): Array<V | C> {
  const merged: Array<V | C> = [];
  let [v, c] = [0, 0];
  while (v < versions.length || c < credits.length) {
    const takeVersion = c >= credits.length || (v < versions.length && versions[v].createdAt >= credits[c].createdAt);
    merged.push(takeVersion ? versions[v++] : credits[c++]);
  }
  return merged;
}

/** A credit change of a photo the article prints: it made no version (the credit is the photo's), so it cannot be restored from here. */
function describeCreditChanges(changes: PhotoCreditChange[]) {
  return changes.map((change) => ({
    kind: 'credit' as const,
    id: change.id,
    photoId: change.photoId,
    actorName: change.actorName,
    createdAt: change.createdAt.toISOString(),
    credit: { from: change.fromCredit, to: change.toCredit },
    creditDiff: changedRow(change.fromCredit ?? '', change.toCredit ?? ''),
  }));
}

function describeRevisions(revisions: ArticleRevision[]) {
  return revisions.map((revision) => ({
    kind: 'version' as const,
    id: revision.id,
    version: revision.version,
    actorName: revision.actorName,
    createdAt: revision.createdAt.toISOString(),
    changed: copyFieldsOf(revision.changes),
    changedLabels: copyFieldsOf(revision.changes).map((field) => COPY_FIELD_LABELS[field]),
    merge: revision.changes.merge ?? null,
    notDuplicate: revision.changes.notDuplicate ?? null,
    reviewed: revision.changes.reviewed ?? null,
    spike: revision.changes.spike ?? null,
    restore: revision.changes.restore ?? null,
    headline: revision.changes.headline ?? null,
    headlineDiff: revision.changes.headline ? changedRow(revision.changes.headline.from, revision.changes.headline.to) : null,
    slug: revision.changes.slug ?? null,
    body: revision.changes.body ? diffParagraphs(revision.changes.body.from, revision.changes.body.to) : null,
    captions: revision.changes.captions ?? null,
    captionDiff: revision.changes.captions
      ? Object.keys(revision.changes.captions.to).map((id) => changedRow(revision.changes.captions!.from[id] ?? '', revision.changes.captions!.to[id]))
      : null,
    captionPositions: revision.changes.captionPositions ?? null,
    bylines: revision.changes.bylines ?? null,
  }));
}

interface ComparePayload {
  decision: 'merge' | 'not-duplicate';
  keepId: number;
  /** The flagged article's version, as compared. */
  version: number;
  /** The original's version, as compared; a merge changes it too. */
  originalVersion: number;
}

/** Both copies side by side with a paragraph diff; POST merges (keeping one) or dismisses the flag. */
export function compareDuplicate({ services }: PanelContext): Handler {
  return withNotices(async (request, _response, context) => {
    const id = articleId(context);
    if (request.method !== 'post') {
      const comparison = await services.duplicates.compare(id);
      const bylines = await services.articles.bylineNames([comparison.duplicate.id, comparison.original.id]);
      const side = (article: typeof comparison.duplicate) => ({
        id: article.id,
        version: article.version,
        headline: article.headline,
        status: article.status,
        updatedAt: article.updatedAt.toISOString(),
        importId: article.importId,
        bylines: bylines.get(article.id) ?? [],
      });
      return {
        record: recordJson(context),
        canResolve: sessionCan(context.currentAdmin, Permission.MergeDuplicates),
        comparison: {
          kind: comparison.duplicate.duplicateKind,
          score: comparison.duplicate.duplicateScore,
          version: comparison.duplicate.version,
          original: side(comparison.original),
          duplicate: side(comparison.duplicate),
          headline: comparison.headline,
          paragraphs: comparison.paragraphs,
        },
      };
    }
    const actor = await actorOf(services.users, context.currentAdmin);
    const input = jsonPayload<ComparePayload>(request);
    const version = requiredVersion(input.version);
    const originalVersion = input.originalVersion === undefined ? undefined : requiredVersion(input.originalVersion);
    if (input.decision === 'merge') {
      const { kept, retired } = await services.duplicates.merge(id, Number(input.keepId), actor, version, originalVersion);
      return {
        record: await reloaded(context),
        redirectUrl: showUrl(context, kept.id),
        notice: { message: `Merged: kept article ${kept.id}; article ${retired.id} is unpublished and points to it`, type: 'success' },
      };
    }
    if (input.decision === 'not-duplicate') {
      await services.duplicates.dismiss(id, actor, version, originalVersion);
      return { record: await reloaded(context), redirectUrl: showUrl(context), notice: { message: 'Marked as not a duplicate', type: 'success' } };
    }
    throw new ArticleError(ArticleErrorCode.InvalidRequest, 'decision must be "merge" or "not-duplicate"');
  });
}

function optionalVersion(request: ActionRequest): number | undefined {
  const raw = request.payload?.version;
  return raw === undefined || raw === '' ? undefined : requiredVersion(raw);
}

export const canPublish = ({ currentAdmin }: ActionContext) => sessionCan(currentAdmin, Permission.Publish);

/** The article as readers will see it; POST makes a time-limited link for someone without an account. */
export function previewArticle({ services }: PanelContext): Handler {
  return withNotices(async (request, _response, context) => {
    const actor = await actorOf(services.users, context.currentAdmin);
    const id = articleId(context);
    if (request.method !== 'post') return { record: recordJson(context), preview: await services.preview.view(id, actor) };
    const link = await services.preview.createLink(id, actor);
    return {
      record: recordJson(context),
      link: { path: link.path, expiresAt: link.expiresAt.toISOString() },
      notice: { message: 'Preview link created', type: 'success' },
    };
  });
}

/** The edit page's presence beat: records that the editor has the article open and answers with who else has. */
export function articlePresence({ services }: PanelContext): Handler {
  return async (request, _response, context) => {
    const actor = await actorOf(services.users, context.currentAdmin);
    const input = jsonPayload<{ editing: boolean; leave: boolean }>(request);
    if (request.method === 'post' && input.leave === true) {
      await services.presence.leave(articleId(context), actor);
      return { record: recordJson(context), colleagues: [] };
    }
    return { record: recordJson(context), colleagues: await services.presence.beat(articleId(context), actor, request.method === 'post' && input.editing === true) };
  };
}
