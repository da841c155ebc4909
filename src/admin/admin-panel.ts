import { Injectable, Logger, OnModuleInit } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import { InjectRepository } from '@nestjs/typeorm';
import type { CurrentAdmin, ResourceWithOptions } from 'adminjs';
import type { Request } from 'express';
import type { ObjectLiteral, Repository } from 'typeorm';
import { Article } from '../articles/article.entity';
import { ApiToken } from '../auth/api-token.entity';
import { User } from '../auth/user.entity';
import { AuthorMerge } from '../authors/author-merge.entity';
import { Author } from '../authors/author.entity';
import { Caption } from '../captions/caption.entity';
import { Import } from '../imports/import.entity';
import { Photo } from '../photos/photo.entity';
import { WebhookDelivery } from '../webhooks/webhook-delivery.entity';
import { WebhookSubscription } from '../webhooks/webhook-subscription.entity';
import { ArticlePreviewService } from '../articles/article-preview.service';
import { ArticleListQuery } from '../articles/article-list.query';
import { ArticlesService } from '../articles/articles.service';
import { DeskDashboardService } from '../articles/desk-dashboard.service';
import { PresenceService } from '../articles/presence.service';
import { DuplicatesService } from '../articles/duplicates.service';
import { ReviewService } from '../articles/review.service';
import { RevisionsService } from '../articles/revisions.service';
import { ApiTokensService } from '../auth/api-tokens.service';
import { PanelLoginService } from '../auth/panel-login.service';
import { SessionService } from '../auth/session.service';
import { UsersService } from '../auth/users.service';
import { AuthorsService } from '../authors/authors.service';
import { CaptionsService } from '../captions/captions.service';
import { DumpUploads } from '../imports/dump-upload';
import { ImportsService } from '../imports/imports.service';
import { PhotosService } from '../photos/photos.service';
import { PublishingService } from '../publishing/publishing.service';
import { Section } from '../sections/section.entity';
import { Tag } from '../sections/tag.entity';
import { TaxonomyService } from '../sections/taxonomy.service';
import { WebhooksService } from '../webhooks/webhooks.service';
import { loadAdminComponents } from './admin-components';
import { useBuiltBundle } from './admin-paths';
import { dashboardData, deskDashboardHandler } from './dashboard';
import { guardPanelRouter } from './panel-gate';
import { withBoundedPayloads } from './panel-payloads';
import { panelBodyGate } from './panel-uploads';
import type { PanelContext } from './panel-services';
import { articleResourceClass, articleResources } from './resources/article-resources';
import { importResource } from './resources/import-resource';
import { apiTokenResource, webhookDeliveryResource, webhookSubscriptionResource } from './resources/integration-resources';
import { libraryResources, userResource } from './resources/library-resources';
import { taxonomyResources } from './resources/taxonomy-resources';

export const ADMIN_ROOT_PATH = '/admin';

/**
 * Mounts AdminJS at /admin when the HTTP app initialises. AdminJS and its adapters are ESM-only, so they
 * are loaded with real `import()` (one after another: jest's module loader fails on parallel ones).
 * The router is @adminjs/nestjs's ExpressLoader (it also moves the panel ahead of Nest's body parsers);
 * AdminModule itself is not used because its start-up always runs AdminJS's rollup watcher outside
 * production, while Wiredesk bundles the components once, at build time.
 */
/** The panel's resources as the sidebar and list pages name them. */
const RESOURCE_LABELS: Record<string, string> = {
  Article: 'Articles',
  Duplicates: 'Duplicates queue',
  NeedsReview: 'Needs review',
  Spiked: 'Spiked',
  Section: 'Sections',
  Tag: 'Tags',
  AuthorMerge: 'Author merges',
  Import: 'Imports',
  Photo: 'Photos',
  Caption: 'Captions',
  Author: 'Authors',
  User: 'Users',
  ApiToken: 'API tokens',
  WebhookSubscription: 'Webhook subscriptions',
  WebhookDelivery: 'Webhook deliveries',
};

/** What one record of each resource is called: "New import", "Edit author", "Author: Jane Doe". */
const RECORD_NOUNS: Record<string, string> = {
  Article: 'article',
  Duplicates: 'article',
  NeedsReview: 'article',
  Spiked: 'article',
  Section: 'section',
  Tag: 'tag',
  AuthorMerge: 'author merge',
  Import: 'import',
  Photo: 'photo',
  Caption: 'caption',
  Author: 'author',
  User: 'user',
  ApiToken: 'API token',
  WebhookSubscription: 'webhook subscription',
  WebhookDelivery: 'webhook delivery',
};

/**
 * AdminJS heads a page with its action's label, so every list read "List", every record "Show" and every form
 * "Create new". Per resource, the labels say what the page is ("Spiked", "New import", "Author details", "Edit
 * author"); the same labels name the buttons that lead there. `recordNoun` is read by the tab title
 * (components/page-header.jsx).
 */
function pageHeadings(): Record<string, { labels: { recordNoun: string }; actions: Record<string, string> }> {
  return Object.fromEntries(
    Object.entries(RECORD_NOUNS).map(([resourceId, noun]) => {
      const capitalised = `${noun.charAt(0).toUpperCase()}${noun.slice(1)}`;
      return [resourceId, { labels: { recordNoun: noun }, actions: { list: RESOURCE_LABELS[resourceId], new: `New ${noun}`, show: `${capitalised} details`, edit: `Edit ${noun}` } }];
    }),
  );
}

@Injectable()
export class AdminPanel implements OnModuleInit {
  private readonly logger = new Logger(AdminPanel.name);

  constructor(
    private readonly adapterHost: HttpAdapterHost,
    @InjectRepository(Article) private readonly articleRecords: Repository<ObjectLiteral>,
    @InjectRepository(Import) private readonly importRecords: Repository<ObjectLiteral>,
    @InjectRepository(Photo) private readonly photoRecords: Repository<ObjectLiteral>,
    @InjectRepository(Caption) private readonly captionRecords: Repository<ObjectLiteral>,
    @InjectRepository(Author) private readonly authorRecords: Repository<ObjectLiteral>,
    @InjectRepository(User) private readonly userRecords: Repository<ObjectLiteral>,
    @InjectRepository(ApiToken) private readonly apiTokenRecords: Repository<ObjectLiteral>,
    @InjectRepository(WebhookSubscription) private readonly subscriptionRecords: Repository<ObjectLiteral>,
    @InjectRepository(WebhookDelivery) private readonly deliveryRecords: Repository<ObjectLiteral>,
    @InjectRepository(AuthorMerge) private readonly authorMergeRecords: Repository<ObjectLiteral>,
    @InjectRepository(Section) private readonly sectionRecords: Repository<ObjectLiteral>,
    @InjectRepository(Tag) private readonly tagRecords: Repository<ObjectLiteral>,
    private readonly sessions: SessionService,
    private readonly login: PanelLoginService,
    private readonly users: UsersService,
    private readonly articles: ArticlesService,
    private readonly articleList: ArticleListQuery,
    private readonly publishing: PublishingService,
    private readonly duplicates: DuplicatesService,
    private readonly revisions: RevisionsService,
    private readonly review: ReviewService,
    private readonly imports: ImportsService,
    private readonly uploads: DumpUploads,
    private readonly photos: PhotosService,
    private readonly captions: CaptionsService,
    private readonly authors: AuthorsService,
    private readonly apiTokens: ApiTokensService,
    private readonly webhooks: WebhooksService,
    private readonly preview: ArticlePreviewService,
    private readonly taxonomy: TaxonomyService,
    private readonly deskDashboard: DeskDashboardService,
    private readonly presence: PresenceService,
  ) {}

  async onModuleInit(): Promise<void> {
    const { httpAdapter } = this.adapterHost;
    // CLI commands run the app without HTTP: nothing to mount.
    if (!httpAdapter) return;
    if (!useBuiltBundle()) this.logger.warn('no admin bundle found (run `npm run build`): AdminJS will bundle its components itself');

    const { default: AdminJS } = await import('adminjs');
    const { BaseRecord, ACTIONS } = await import('adminjs');
    const AdminJSTypeorm = await import('@adminjs/typeorm');
    const { ExpressLoader } = await import('@adminjs/nestjs');
    AdminJS.registerAdapter({ Database: AdminJSTypeorm.Database, Resource: AdminJSTypeorm.Resource });

    const { loader, components } = await loadAdminComponents();
    const panel: PanelContext = {
      components,
      services: {
        records: {
          articles: this.articleRecords,
          imports: this.importRecords,
          photos: this.photoRecords,
          captions: this.captionRecords,
          authors: this.authorRecords,
          users: this.userRecords,
          apiTokens: this.apiTokenRecords,
          webhookSubscriptions: this.subscriptionRecords,
          webhookDeliveries: this.deliveryRecords,
          authorMerges: this.authorMergeRecords,
          sections: this.sectionRecords,
          tags: this.tagRecords,
        },
        users: this.users,
        articles: this.articles,
        preview: this.preview,
        publishing: this.publishing,
        duplicates: this.duplicates,
        revisions: this.revisions,
        review: this.review,
        imports: this.imports,
        photos: this.photos,
        captions: this.captions,
        authors: this.authors,
        apiTokens: this.apiTokens,
        webhooks: this.webhooks,
        taxonomy: this.taxonomy,
        deskDashboard: this.deskDashboard,
        presence: this.presence,
      },
    };
    const ArticleListResource = articleResourceClass({ BaseRecord, TypeormResource: AdminJSTypeorm.Resource }, this.articleRecords, this.articleList);
    const admin = new AdminJS({
      rootPath: ADMIN_ROOT_PATH,
      loginPath: `${ADMIN_ROOT_PATH}/login`,
      logoutPath: `${ADMIN_ROOT_PATH}/logout`,
      componentLoader: loader,
      branding: { companyName: 'Wiredesk', withMadeWithLove: false, logo: false, favicon: '/favicon.ico' },
      locale: {
        language: 'en',
        translations: {
          en: {
            components: { Login: { welcomeHeader: 'Wiredesk', welcomeMessage: 'The newsroom desk for wire copy. Log in with your editor account.' } },
            labels: RESOURCE_LABELS,
            resources: pageHeadings(),
            actions: { revoke: 'Revoke', publish: 'Publish', unpublish: 'Unpublish', schedule: 'Schedule', bulkPublish: 'Publish selected', history: 'History', compare: 'Compare', review: 'Review', preview: 'Preview', spike: 'Spike', unspike: 'Unspike', image: 'Picture', merge: 'Merge into…', undo: 'Undo merge' },
            properties: {
              duplicateKind: 'Duplicate',
              duplicateOfId: 'Duplicate of',
              duplicateScore: 'Similarity',
              mergedIntoId: 'Merged into',
              importId: 'Import',
              updatedAt: 'Updated',
              scheduledAt: 'Scheduled for',
              publishedAt: 'Published',
              createdById: 'Uploaded by',
              photographerId: 'Photographer',
              needsReview: 'Needs review',
              reviewedAt: 'Reviewed',
            },
          },
        },
      },
      dashboard: {
        component: components.Dashboard,
        handler: deskDashboardHandler(panel, (actor) => dashboardData(this.articleList, this.imports, actor)),
      },
      resources: [
        ...articleResources(panel, ArticleListResource),
        importResource(panel),
        ...libraryResources(panel),
        ...taxonomyResources(panel),
        userResource(panel, ACTIONS),
        apiTokenResource(panel, ACTIONS),
        webhookSubscriptionResource(panel, ACTIONS),
        webhookDeliveryResource(panel, ACTIONS),
      ]
        .map(withBoundedPayloads)
        .map((resource) => withUnbrokenIds(resource, components.NoWrap)),
    });

    const sessionOptions = await this.sessions.options();
    await new ExpressLoader().register(admin, httpAdapter, {
      adminJsOptions: admin.options,
      auth: {
        cookieName: sessionOptions.name,
        cookiePassword: sessionOptions.secret,
        // The session keeps the numeric id the rest of the app expects (`req.session.adminUser`), not AdminJS's string.
        authenticate: async (email: string, password: string, context?: { req: Request }) => {
          const user = await this.login.logIn(String(email ?? ''), String(password ?? ''), context?.req.ip ?? 'unknown');
          // A fresh session id at log-in: a cookie planted or seen before it (session fixation) never becomes this user's.
          if (user && context?.req.session) await freshSession(context.req);
          return user as unknown as CurrentAdmin | null;
        },
      },
      sessionOptions,
      // Only the log-in form and the panel's JSON requests reach formidable: panelBodyGate reads every multipart body.
      formidableOptions: { maxFieldsSize: 1 << 20 },
    });
    const bodyGate = panelBodyGate({ loginPath: '/login', uploads: this.uploads });
    guardPanelRouter(
      httpAdapter.getInstance(),
      { rootPath: ADMIN_ROOT_PATH, loginPath: `${ADMIN_ROOT_PATH}/login`, logoutPath: `${ADMIN_ROOT_PATH}/logout` },
      sessionOptions,
      this.users,
      bodyGate,
    );
  }
}

/** Replaces the request's session with a new, empty one under a new id, keeping where the log-in was headed. */
function freshSession(request: Request): Promise<void> {
  const redirectTo = (request.session as { redirectTo?: string }).redirectTo;
  return new Promise((resolve, reject) =>
    request.session.regenerate((error) => {
      if (error) return reject(error);
      if (redirectTo) (request.session as { redirectTo?: string }).redirectTo = redirectTo;
      resolve();
    }),
  );
}

/** Every list's Id column on one line: AdminJS's cells break long words, so a narrow column split 1234568 in two. */
function withUnbrokenIds(resource: ResourceWithOptions, noWrap: string): ResourceWithOptions {
  const properties = { ...(resource.options.properties ?? {}) };
  const id = properties.id ?? {};
  properties.id = { ...id, components: { list: noWrap, ...id.components } };
  return { ...resource, options: { ...resource.options, properties } };
}
