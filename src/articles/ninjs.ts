import type { SchemaObject } from '@nestjs/swagger';
import { ArticleStatus } from './article-status';
import type { NinjsRights } from '../config/ninjs-rights';
import { detectLanguage } from '../wire';
import type { ArticleDetailView, ArticlePhotoView, ArticleSummaryView, AuthorPageView, BylineView } from './article-views';
import { BylineRole } from './byline.entity';

export const NINJS_MEDIA_TYPE = 'application/ninjs+json';
const NINJS_STANDARD = { name: 'ninjs', version: '3.1', schema: 'http://www.iptc.org/std/ninjs/ninjs-schema_3.1.json#' };

/** An IPTC ninjs 3.1 news object (only the members Wiredesk fills). */
export interface NinjsItem {
  uri: string;
  standard: typeof NINJS_STANDARD;
  type: 'text' | 'picture';
  representationType: 'full' | 'partial';
  [member: string]: unknown;
}

const PUB_STATUS: Record<ArticleStatus, 'usable' | 'withheld' | 'canceled'> = {
  [ArticleStatus.Published]: 'usable',
  [ArticleStatus.Draft]: 'withheld',
  [ArticleStatus.Unpublished]: 'canceled',
  [ArticleStatus.Spiked]: 'canceled',
};

/** What the mapping needs from the configuration: PUBLIC_BASE_URL and NINJS_RIGHTS. */
export interface NinjsOptions {
  /** Makes `uri` the public URL and lets stored pictures be linked (ninjs needs absolute `href`s). */
  publicBaseUrl?: string;
  rights: NinjsRights;
}

export function articleToNinjs(article: ArticleDetailView, options: NinjsOptions): NinjsItem {
  const text = article.body.join('\n\n');
  const language = detectLanguage(`${article.headline}\n${text}`);
  return {
    ...identity(article, options),
    type: 'text',
    representationType: 'full',
    profile: article.photos.length > 0 ? 'text-photo' : 'text-only',
    version: String(article.version),
    firstCreated: article.createdAt,
    versionCreated: article.updatedAt,
    // When the copy came in: the article row is created when it is imported (or written), never when published.
    contentCreated: article.createdAt,
    pubStatus: PUB_STATUS[article.status],
    ...(language ? { language } : {}),
    ...options.rights.text(),
    slugline: article.slug,
    headlines: [{ role: 'main', contentType: 'text/plain', value: article.headline }],
    bodies: [{ role: 'main', contentType: 'text/plain', value: text, charCount: text.length, wordCount: countWords(text) }],
    ...byAndPeople(article.bylines, options),
    ...subjectsOf(article),
    ...(article.photos.length > 0 ? { associations: article.photos.map((photo, index) => pictureToNinjs(photo, index, language, options)) } : {}),
  };
}

/** A list entry: headline, byline and summary, flagged as a partial representation. */
export function summaryToNinjs(article: ArticleSummaryView, options: NinjsOptions): NinjsItem {
  const language = detectLanguage(`${article.headline}\n${article.summary ?? ''}`);
  return {
    ...identity(article, options),
    type: 'text',
    representationType: 'partial',
    ...(article.version !== undefined ? { version: String(article.version) } : {}),
    pubStatus: PUB_STATUS[article.status ?? ArticleStatus.Published],
    ...(language ? { language } : {}),
    slugline: article.slug,
    headlines: [{ role: 'main', contentType: 'text/plain', value: article.headline }],
    ...(article.summary ? { descriptions: [{ role: 'summary', contentType: 'text/plain', value: article.summary }] } : {}),
    ...byAndPeople(article.bylines, options),
  };
}

/** An author page: the same envelope as the JSON one, with their work as ninjs list entries. */
export function authorPageToNinjs(page: AuthorPageView, options: NinjsOptions): NinjsAuthorPage {
  return { id: page.id, name: page.name, articles: { items: page.articles.items.map((item) => summaryToNinjs(item, options)), nextCursor: page.articles.nextCursor } };
}

export interface NinjsAuthorPage {
  id: number;
  name: string;
  articles: { items: NinjsItem[]; nextCursor: string | null };
}

/**
 * `uri`: the article's public URL when PUBLIC_BASE_URL is set (else its URN), with the URN kept in `altIds`
 * since the URL follows the slug. ninjs 3.1 has no `links`; the URL's JSON and ninjs forms are the text's `renditions`.
 */
function identity(article: Pick<ArticleSummaryView, 'id' | 'slug'>, options: NinjsOptions): Pick<NinjsItem, 'uri' | 'standard'> & Record<string, unknown> {
  const urn = `urn:wiredesk:article:${article.id}`;
  if (!options.publicBaseUrl) return { uri: urn, standard: NINJS_STANDARD };
  const url = `${options.publicBaseUrl}/api/articles/${encodeURIComponent(article.slug)}`;
  return {
    uri: url,
    standard: NINJS_STANDARD,
    altIds: [{ role: 'wiredesk', value: urn }],
    renditions: [
      { name: 'ninjs', href: `${url}?format=ninjs`, contentType: NINJS_MEDIA_TYPE },
      { name: 'json', href: url, contentType: 'application/json' },
    ],
  };
}

/**
 * A printed photo: its caption, the credit as printed (a description with role "creditline", IPTC's Credit
 * Line: ninjs 3.1 has no member of its own for it, and a credit is not a copyright notice), the photographer
 * as `by`, the agency's rights, and the stored sizes. Their `href`s must be absolute in ninjs, so they are
 * sent only with PUBLIC_BASE_URL; a photo known only by the wire's URL has that URL as its one rendition.
 */
function pictureToNinjs(photo: ArticlePhotoView, index: number, articleLanguage: string | undefined, options: NinjsOptions): Record<string, unknown> {
  // A caption too short to tell is taken to be in the language of the article printing it.
  const language = detectLanguage(photo.caption) ?? articleLanguage;
  const renditions: Array<{ name: string; href: string; width?: number; height?: number; contentType?: string }> = options.publicBaseUrl
    ? photo.renditions.map(({ name, href, width, height, contentType }) => ({ name, href, width, height, contentType }))
    : [];
  if (renditions.length === 0 && photo.renditions.length === 0 && photo.url && isAbsoluteHttpUrl(photo.url)) renditions.push({ name: 'original', href: photo.url });
  return {
    name: `photo${index + 1}`,
    rel: 'photo',
    uri: `urn:wiredesk:photo:${photo.id}`,
    type: 'picture',
    representationType: 'partial',
    ...(language ? { language } : {}),
    descriptions: [
      { role: 'caption', contentType: 'text/plain', value: photo.caption },
      ...(photo.credit ? [{ role: 'creditline', contentType: 'text/plain', value: photo.credit }] : []),
    ],
    ...(photo.photographer ? { by: photo.photographer.name } : {}),
    ...options.rights.picture(photo.agency),
    ...(photo.agency ? { infoSources: [{ name: photo.agency, role: 'source' }] } : {}),
    ...(renditions.length > 0 ? { renditions } : {}),
  };
}

function isAbsoluteHttpUrl(value: string): boolean {
  return /^https?:\/\/[^\s]+$/i.test(value) && URL.canParse(value);
}

/** The section (rel "section") and the tags (rel "about"), each with its slug as `literal`, what the API filters by. */
function subjectsOf(article: Pick<ArticleDetailView, 'section' | 'tags'>): Record<string, unknown> {
  const subjects = [
    ...(article.section ? [{ name: article.section.name, rel: 'section', uri: `urn:wiredesk:section:${article.section.id}`, literal: article.section.slug }] : []),
    ...(article.tags ?? []).map((tag) => ({ name: tag.name, rel: 'about', uri: `urn:wiredesk:tag:${tag.id}`, literal: tag.slug })),
  ];
  return subjects.length > 0 ? { subjects } : {};
}

/**
 * `by` names everyone with a byline, writers first ("A and B; photographs by C"); `people` gives each with their
 * role, and their author page as `uri` when PUBLIC_BASE_URL is set.
 */
function byAndPeople(bylines: BylineView[], options: NinjsOptions): Record<string, unknown> {
  if (bylines.length === 0) return {};
  const writers = bylines.filter((byline) => byline.role === BylineRole.Writer).map((byline) => byline.name);
  const photographers = bylines.filter((byline) => byline.role === BylineRole.Photographer).map((byline) => byline.name);
  const by = [writers.length > 0 ? joinNames(writers) : '', photographers.length > 0 ? `${writers.length > 0 ? 'photographs' : 'Photographs'} by ${joinNames(photographers)}` : '']
    .filter(Boolean)
    .join('; ');
  return {
    by,
    people: bylines.map((byline) => ({
      name: byline.name,
      rel: byline.role,
      uri: options.publicBaseUrl ? `${options.publicBaseUrl}/api/authors/${byline.id}` : `urn:wiredesk:author:${byline.id}`,
    })),
  };
}

function joinNames(names: string[]): string {
  return names.length === 1 ? names[0] : `${names.slice(0, -1).join(', ')} and ${names.at(-1)}`;
}

function countWords(text: string): number {
  return text.match(/[\p{L}\p{N}]+(?:['’-][\p{L}\p{N}]+)*/gu)?.length ?? 0;
}

const TEXT_BLOCK: SchemaObject = {
  type: 'object',
  required: ['value'],
  properties: { role: { type: 'string' }, contentType: { type: 'string' }, value: { type: 'string' }, charCount: { type: 'integer' }, wordCount: { type: 'integer' } },
};

/** The ninjs 3.1 members Wiredesk sends, for the OpenAPI document; the tests check the answers against IPTC's own schema. */
export const NINJS_ITEM_SCHEMA: SchemaObject = {
  type: 'object',
  description: 'An IPTC ninjs 3.1 news item (https://www.iptc.org/std/ninjs/)',
  required: ['uri', 'standard', 'type', 'representationType'],
  additionalProperties: true,
  properties: {
    uri: { type: 'string', description: 'The public URL (PUBLIC_BASE_URL/api/articles/<slug>) when PUBLIC_BASE_URL is set, else urn:wiredesk:article:<id>' },
    standard: { type: 'object', properties: { name: { type: 'string' }, version: { type: 'string' }, schema: { type: 'string' } } },
    type: { type: 'string', enum: ['text', 'picture'] },
    representationType: { type: 'string', enum: ['full', 'partial'] },
    profile: { type: 'string' },
    version: { type: 'string' },
    firstCreated: { type: 'string', format: 'date-time' },
    versionCreated: { type: 'string', format: 'date-time' },
    contentCreated: { type: 'string', format: 'date-time' },
    pubStatus: { type: 'string', enum: ['usable', 'withheld', 'canceled'] },
    language: { type: 'string', description: 'BCP 47, detected from the copy (absent when too short or mixed to tell)', example: 'ar' },
    copyrightHolder: { type: 'string', description: 'From NINJS_RIGHTS' },
    usageTerms: { type: 'string', description: 'From NINJS_RIGHTS' },
    altIds: { type: 'array', items: { type: 'object', properties: { role: { type: 'string' }, value: { type: 'string' } } }, description: 'With PUBLIC_BASE_URL: the stable urn:wiredesk:article:<id>' },
    renditions: {
      type: 'array',
      description: 'With PUBLIC_BASE_URL: the article\'s public URL as ninjs and as JSON',
      items: {
        type: 'object',
        required: ['name'],
        properties: { name: { type: 'string' }, href: { type: 'string' }, contentType: { type: 'string' }, width: { type: 'integer' }, height: { type: 'integer' } },
      },
    },
    slugline: { type: 'string' },
    headlines: { type: 'array', items: TEXT_BLOCK },
    descriptions: { type: 'array', items: TEXT_BLOCK },
    bodies: { type: 'array', items: TEXT_BLOCK },
    by: { type: 'string' },
    people: { type: 'array', items: { type: 'object', properties: { name: { type: 'string' }, rel: { type: 'string' }, uri: { type: 'string' } } } },
    associations: {
      type: 'array',
      description: 'Pictures: caption and credit ("creditline") as descriptions, photographer as by, rights, and renditions (thumbnail 320 px, web 1280 px; with PUBLIC_BASE_URL)',
      items: { type: 'object', additionalProperties: true },
    },
  },
};

export const NINJS_PAGE_SCHEMA: SchemaObject = {
  type: 'object',
  required: ['items', 'nextCursor'],
  properties: {
    items: { type: 'array', items: NINJS_ITEM_SCHEMA, description: 'Partial representations (headline, byline, summary)' },
    nextCursor: { type: 'string', nullable: true },
  },
};

export const NINJS_AUTHOR_PAGE_SCHEMA: SchemaObject = {
  type: 'object',
  required: ['id', 'name', 'articles'],
  properties: { id: { type: 'integer' }, name: { type: 'string' }, articles: NINJS_PAGE_SCHEMA },
};
