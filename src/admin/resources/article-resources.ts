import type { ActionContext, ActionResponse, BaseRecord, Filter, RecordActionResponse, ResourceWithOptions } from 'adminjs';
import type { ObjectLiteral, Repository } from 'typeorm';
import { ArticleStatus, DuplicateKind, editPermissionFor } from '../../articles/article-status';
import { Article } from '../../articles/article.entity';
import { boundToRepository, sessionCan } from '../admin-actor';
import { ARTICLE_LIST_SORTS, ArticleListFilters, ArticleListQuery, ArticleListSort, SCHEDULED_FILTER } from '../../articles/article-list.query';
import type { PanelContext } from '../panel-services';
import {
  articleHistory,
  bulkPublish,
  canPublish,
  compareDuplicate,
  editArticle,
  previewArticle,
  articlePresence,
  publishArticle,
  reviewArticle,
  scheduleArticle,
  spikeArticle,
  unspikeArticle,
  unpublishArticle,
} from './article-actions';

type AdminJsModules = { BaseRecord: typeof BaseRecord; TypeormResource: typeof import('@adminjs/typeorm').Resource };

/**
 * The TypeORM adapter's resource with the list served by {@link ArticleListQuery}; `forcedFilters` make a
 * second resource over the same table (the duplicates queue).
 */
export function articleResourceClass({ BaseRecord, TypeormResource }: AdminJsModules, articles: Repository<ObjectLiteral>, query: ArticleListQuery) {

  class ArticleListResource extends TypeormResource {
    constructor(
      private readonly resourceId = 'Article',
      private readonly forcedFilters: ArticleListFilters = {},
    ) {
      super(boundToRepository(Article, articles, { title: 'headline' }));
    }

    override id(): string {
      return this.resourceId;
    }

    override async count(filter: Filter): Promise<number> {
      return query.count({ ...listFilters(filter), ...this.forcedFilters });
    }

    override async find(filter: Filter, params: { limit?: number; offset?: number; sort?: { sortBy?: string; direction?: 'asc' | 'desc' } }): Promise<BaseRecord[]> {
      const sortBy = ARTICLE_LIST_SORTS.includes(params.sort?.sortBy as ArticleListSort) ? (params.sort!.sortBy as ArticleListSort) : 'updatedAt';
      const articles = await query.find(
        { ...listFilters(filter), ...this.forcedFilters },
        { limit: params.limit ?? 10, offset: params.offset ?? 0, sortBy, direction: params.sort?.direction === 'asc' ? 'asc' : 'desc' },
      );
      return articles.map((article) => new BaseRecord(article as unknown as Record<string, unknown>, this));
    }
  }
  return ArticleListResource;
}

function listFilters(filter: Filter): ArticleListFilters {
  const value = (path: string) => filter?.filters?.[path]?.value;
  return {
    headline: value('headline') as string | undefined,
    status: value('status') as string | undefined,
    duplicateKind: value('duplicateKind') as string | undefined,
    importId: value('importId') as string | undefined,
    updatedAt: value('updatedAt') as ArticleListFilters['updatedAt'],
    scheduledAt: value('scheduledAt') as ArticleListFilters['scheduledAt'],
    needsReview: value('needsReview') as string | undefined,
  };
}

const HIDDEN = { isVisible: false };

function articleProperties({ components }: PanelContext) {
  const deskTime = { list: components.DeskTime, show: components.DeskTime };
  return {
    id: { position: 0 },
    // Its filter is the full-text search over headline and body (ArticleListQuery), labelled as such.
    headline: { isTitle: true, position: 1, components: { filter: components.ArticleSearchFilter } },
    slug: { position: 2 },
    status: {
      position: 3,
      availableValues: [...Object.values(ArticleStatus), SCHEDULED_FILTER].map((status) => ({ value: status, label: status })),
      isDisabled: true,
      components: { list: components.StatusBadge, show: components.StatusBadge },
    },
    duplicateKind: {
      position: 4,
      availableValues: [
        { value: 'waiting', label: 'any (waiting)' },
        ...Object.values(DuplicateKind).map((kind) => ({ value: kind, label: kind })),
      ],
      components: { list: components.DuplicateFlag, show: components.DuplicateFlag },
    },
    // Not index-backed (see ArticleListQuery): shown in the Duplicates queue, not sorted on.
    duplicateOfId: { isSortable: false },
    duplicateScore: { isSortable: false, components: { list: components.Similarity, show: components.Similarity } },
    body: { type: 'textarea' as const, isArray: true, position: 5 },
    scheduledAt: { position: 6, components: deskTime },
    updatedAt: { position: 7, components: deskTime },
    publishedAt: { components: deskTime },
    createdAt: { components: deskTime },
    // The list query sorts by import on its own index (IDX_articles_list_import); AdminJS sorts no reference by default.
    importId: { reference: 'Import', position: 8, isSortable: true },
    needsReview: { type: 'boolean' as const, position: 9, isVisible: { list: false, filter: true, show: true, edit: false } },
    reviewedAt: { isVisible: { list: false, filter: false, show: true, edit: false }, components: deskTime },
    // Shown, with the dump's lines, by the Review action; flattened into the record they would be noise.
    anomalies: HIDDEN,
    reviewedById: HIDDEN,
    searchVector: HIDDEN,
    minhash: HIDDEN,
    contentHash: { isVisible: { list: false, filter: false, show: true, edit: false } },
    // Filled in by the show action (see withRelatedCoverage): other reports of the same event, read-only.
    related: { isVisible: { list: false, filter: false, show: true, edit: false }, components: { show: components.RelatedCoverage } },
  };
}

/** The show page lists the article's related coverage, read through the articles service. */
function withRelatedCoverage({ services }: PanelContext) {
  return {
    after: async (response: ActionResponse): Promise<ActionResponse> => {
      const { record } = response as RecordActionResponse;
      if (record) record.params.related = JSON.stringify(await services.articles.related(Number(record.id)));
      return response;
    },
  };
}

const LIST = ['id', 'headline', 'status', 'duplicateKind', 'scheduledAt', 'updatedAt', 'importId'];
const SHOW = ['id', 'headline', 'slug', 'status', 'body', 'duplicateKind', 'duplicateOfId', 'duplicateScore', 'mergedIntoId', 'publishedAt', 'scheduledAt', 'importId', 'sourceLineStart', 'sourceLineEnd', 'needsReview', 'reviewedAt', 'version', 'createdAt', 'updatedAt', 'related'];

export function articleResources(panel: PanelContext, ArticleListResource: ReturnType<typeof articleResourceClass>): ResourceWithOptions[] {
  const { components } = panel;
  const compare = {
    actionType: 'record' as const,
    icon: 'Columns',
    component: components.DuplicateCompare,
    isVisible: ({ record }: { record?: BaseRecord }) => Boolean(record?.params.duplicateKind),
    handler: compareDuplicate(panel),
  };
  // Articles the parser guessed about keep their dump lines; Review shows them beside the parse.
  const review = {
    actionType: 'record' as const,
    icon: 'CheckSquare',
    component: components.ArticleReview,
    isVisible: ({ record }: { record?: BaseRecord }) => Boolean(record?.params.needsReview || record?.params.reviewedAt),
    handler: reviewArticle(panel),
  };
  const edit = {
    component: components.ArticleEdit,
    isVisible: ({ currentAdmin, record }: ActionContext) => sessionCan(currentAdmin, editPermissionFor(record?.params.status === ArticleStatus.Published)),
    handler: editArticle(panel),
  };
  const history = { actionType: 'record' as const, icon: 'Clock', component: components.ArticleHistory, handler: articleHistory(panel) };
  const unspike = {
    actionType: 'record' as const,
    icon: 'RotateCcw',
    component: components.WorkflowAction,
    custom: { verb: 'Unspike', explain: 'Bring this article back to the drafts.' },
    isVisible: (context: ActionContext) => canPublish(context) && context.record?.params.status === ArticleStatus.Spiked,
    handler: unspikeArticle(panel),
  };
  const noDirectWrites = { new: { isAccessible: false }, delete: { isAccessible: false }, bulkDelete: { isAccessible: false } };
  return [
    {
      resource: new ArticleListResource(),
      options: {
        navigation: { name: 'Newsroom', icon: 'FileText' },
        sort: { sortBy: 'updatedAt', direction: 'desc' },
        listProperties: LIST,
        filterProperties: ['headline', 'status', 'duplicateKind', 'needsReview', 'importId', 'updatedAt', 'scheduledAt'],
        showProperties: SHOW,
        properties: articleProperties(panel),
        actions: {
          ...noDirectWrites,
          show: withRelatedCoverage(panel),
          edit,
          publish: {
            actionType: 'record',
            icon: 'Send',
            component: components.WorkflowAction,
            custom: { verb: 'Publish', explain: 'Make this article live now.' },
            isVisible: (context) => canPublish(context) && context.record?.params.status !== ArticleStatus.Published && !context.record?.params.duplicateKind,
            handler: publishArticle(panel),
          },
          unpublish: {
            actionType: 'record',
            icon: 'EyeOff',
            component: components.WorkflowAction,
            custom: { verb: 'Unpublish', explain: 'Take this article off the site; it can be published again later.' },
            isVisible: (context) => canPublish(context) && context.record?.params.status === ArticleStatus.Published,
            handler: unpublishArticle(panel),
          },
          schedule: {
            actionType: 'record',
            icon: 'Clock',
            component: components.WorkflowAction,
            custom: { verb: 'Schedule', explain: 'Publish this article automatically at the date and time you choose.', needsTime: true },
            isVisible: (context) => canPublish(context) && context.record?.params.status !== ArticleStatus.Published && !context.record?.params.duplicateKind,
            handler: scheduleArticle(panel),
          },
          bulkPublish: {
            actionType: 'bulk',
            icon: 'Send',
            component: components.WorkflowAction,
            custom: { verb: 'Publish', explain: 'Publish every selected article now.' },
            isVisible: canPublish,
            handler: bulkPublish(panel),
          },
          preview: {
            actionType: 'record',
            icon: 'Eye',
            component: components.ArticlePreview,
            handler: previewArticle(panel),
          },
          spike: {
            actionType: 'record',
            icon: 'Trash',
            component: components.WorkflowAction,
            custom: { verb: 'Spike', explain: 'Bin this draft: it moves to the Spiked list, is never published, and can be unspiked later.' },
            isVisible: (context) => canPublish(context) && [ArticleStatus.Draft, ArticleStatus.Unpublished].includes(context.record?.params.status),
            handler: spikeArticle(panel),
          },
          unspike,
          history,
          presence: { actionType: 'record', isVisible: false, handler: articlePresence(panel) },
          compare,
          review,
        },
      },
    },
    {
      resource: new ArticleListResource('Duplicates', { duplicateKind: 'waiting' }),
      options: {
        id: 'Duplicates',
        navigation: { name: 'Newsroom', icon: 'FileText' },
        sort: { sortBy: 'updatedAt', direction: 'desc' },
        listProperties: ['id', 'headline', 'duplicateKind', 'duplicateOfId', 'duplicateScore', 'updatedAt', 'importId'],
        filterProperties: ['headline', 'importId', 'updatedAt'],
        showProperties: SHOW,
        properties: articleProperties(panel),
        actions: { ...noDirectWrites, show: withRelatedCoverage(panel), edit: { isAccessible: false }, compare },
      },
    },
    {
      // The Needs review queue: opening an item shows its dump lines beside the parse; Edit fixes it in place.
      resource: new ArticleListResource('NeedsReview', { needsReview: true }),
      options: {
        id: 'NeedsReview',
        navigation: { name: 'Newsroom', icon: 'FileText' },
        sort: { sortBy: 'updatedAt', direction: 'desc' },
        listProperties: ['id', 'headline', 'status', 'duplicateKind', 'updatedAt', 'importId'],
        filterProperties: ['headline', 'importId', 'updatedAt'],
        showProperties: SHOW,
        properties: articleProperties(panel),
        actions: {
          ...noDirectWrites,
          show: { component: components.ArticleReview, handler: reviewArticle(panel) },
          edit,
          review: { ...review, isVisible: false },
          compare,
        },
      },
    },
    {
      resource: new ArticleListResource('Spiked', { status: ArticleStatus.Spiked }),
      options: {
        id: 'Spiked',
        navigation: { name: 'Newsroom', icon: 'FileText' },
        sort: { sortBy: 'updatedAt', direction: 'desc' },
        listProperties: ['id', 'headline', 'status', 'updatedAt', 'importId'],
        filterProperties: ['headline', 'importId', 'updatedAt'],
        showProperties: SHOW,
        properties: articleProperties(panel),
        actions: { ...noDirectWrites, edit: { isAccessible: false }, unspike, history },
      },
    },
  ];
}

