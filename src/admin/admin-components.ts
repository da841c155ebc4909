import { join } from 'node:path';
import type { ComponentLoader } from 'adminjs';
import { ADMIN_COMPONENTS_DIR } from './admin-paths';

const COMPONENT_FILES = {
  Dashboard: 'dashboard.jsx',
  ArticleEdit: 'article-edit.jsx',
  ArticleHistory: 'article-history.jsx',
  ArticleReview: 'article-review.jsx',
  DuplicateCompare: 'duplicate-compare.jsx',
  WorkflowAction: 'workflow-action.jsx',
  ImportReport: 'import-report.jsx',
  ImportUpload: 'import-upload.jsx',
  DuplicateFlag: 'duplicate-flag.jsx',
  RelatedCoverage: 'related-coverage.jsx',
  IntegrationForm: 'integration-form.jsx',
  ArticlePreview: 'article-preview.jsx',
  StatusBadge: 'status-badge.jsx',
  DeskTime: 'desk-time-field.jsx',
  PhotoThumbnail: 'photo-thumbnail.jsx',
  PhotoImageUpload: 'photo-image-upload.jsx',
  Similarity: 'similarity.jsx',
  AuthorMergeForm: 'author-merge.jsx',
  MergedAuthor: 'merged-author.jsx',
  PhotoPrintedIn: 'photo-printed-in.jsx',
  PhotoCreditHistory: 'photo-credit-history.jsx',
  ArticleSearchFilter: 'article-search-filter.jsx',
  AuthorNameField: 'author-name-field.jsx',
  NoWrap: 'no-wrap.jsx',
} as const;

export type AdminComponentName = keyof typeof COMPONENT_FILES;
export type AdminComponents = Record<AdminComponentName, string>;

/** Registers every custom React component; the same loader drives the build-time bundle and the running panel. */
export async function loadAdminComponents(): Promise<{ loader: ComponentLoader; components: AdminComponents }> {
  const { ComponentLoader } = await import('adminjs');
  const loader = new ComponentLoader();
  const components = Object.fromEntries(
    Object.entries(COMPONENT_FILES).map(([name, file]) => [name, loader.add(name, join(ADMIN_COMPONENTS_DIR, file))]),
  ) as AdminComponents;
  // AdminJS's own log-in form, replaced (see login.jsx).
  loader.override('Login', join(ADMIN_COMPONENTS_DIR, 'login.jsx'));
  // AdminJS's action header, wrapped to give every page a tab title that names it (see page-header.jsx).
  loader.override('ActionHeader', join(ADMIN_COMPONENTS_DIR, 'page-header.jsx'));
  return { loader, components };
}
