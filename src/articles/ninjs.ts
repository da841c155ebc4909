import type { SchemaObject } from '@nestjs/swagger';
import { ArticleStatus } from './article-status';
import type { ArticleDetailView, ArticleSummaryView, BylineView } from './article-views';
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

export function articleToNinjs(article: ArticleDetailView): NinjsItem {
  const text = article.body.join('\n\n');
  return {
    uri: articleUri(article.id),
    standard: NINJS_STANDARD,
    type: 'text',
    representationType: 'full',
    profile: article.photos.length > 0 ? 'text-photo' : 'text-only',
    version: String(article.version),
    firstCreated: article.createdAt,
    versionCreated: article.updatedAt,
    ...(article.publishedAt ? { contentCreated: article.publishedAt } : {}),
    pubStatus: PUB_STATUS[article.status],
    slugline: article.slug,
    headlines: [{ role: 'main', contentType: 'text/plain', value: article.headline }],
    bodies: [{ role: 'main', contentType: 'text/plain', value: text, charCount: text.length, wordCount: countWords(text) }],
    ...byAndPeople(article.bylines),
    ...subjectsOf(article),
    ...(article.photos.length > 0
      ? {
          associations: article.photos.map((photo, index) => ({
            name: `photo${index + 1}`,
            rel: 'photo',
            uri: `urn:wiredesk:photo:${photo.id}`,
            type: 'picture',
            representationType: 'partial',
            descriptions: [{ role: 'caption', contentType: 'text/plain', value: photo.caption }],
            ...(photo.photographer ? { by: photo.photographer.name } : {}),
            ...(photo.credit ? { copyrightNotice: photo.credit } : {}),
            ...(photo.agency ? { copyrightHolder: photo.agency, infoSources: [{ name: photo.agency, role: 'source' }] } : {}),
            ...(photo.url ? { renditions: [{ name: 'original', href: photo.url }] } : {}),
          })),
        }
      : {}),
  };
}

/** A list entry: headline, byline and summary, flagged as a partial representation. */
export function summaryToNinjs(article: ArticleSummaryView): NinjsItem {
  return {
    uri: articleUri(article.id),
    standard: NINJS_STANDARD,
    type: 'text',
    representationType: 'partial',
    ...(article.version !== undefined ? { version: String(article.version) } : {}),
    ...(article.publishedAt ? { contentCreated: article.publishedAt } : {}),
    pubStatus: PUB_STATUS[article.status ?? ArticleStatus.Published],
    slugline: article.slug,
    headlines: [{ role: 'main', contentType: 'text/plain', value: article.headline }],
    ...(article.summary ? { descriptions: [{ role: 'summary', contentType: 'text/plain', value: article.summary }] } : {}),
    ...byAndPeople(article.bylines),
  };
}

/** The section (rel "section") and the tags (rel "about"), each with its slug as `literal`, what the API filters by. */
function subjectsOf(article: Pick<ArticleDetailView, 'section' | 'tags'>): Record<string, unknown> {
  const subjects = [
    ...(article.section ? [{ name: article.section.name, rel: 'section', uri: `urn:wiredesk:section:${article.section.id}`, literal: article.section.slug }] : []),
    ...(article.tags ?? []).map((tag) => ({ name: tag.name, rel: 'about', uri: `urn:wiredesk:tag:${tag.id}`, literal: tag.slug })),
  ];
  return subjects.length > 0 ? { subjects } : {};
}

function articleUri(id: number): string {
  return `urn:wiredesk:article:${id}`;
}

function byAndPeople(bylines: BylineView[]): Record<string, unknown> {
  if (bylines.length === 0) return {};
  const writers = bylines.filter((byline) => byline.role === BylineRole.Writer).map((byline) => byline.name);
  return {
    ...(writers.length > 0 ? { by: joinNames(writers) } : {}),
    people: bylines.map((byline) => ({ name: byline.name, rel: byline.role, uri: `urn:wiredesk:author:${byline.id}` })),
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
    uri: { type: 'string' },
    standard: { type: 'object', properties: { name: { type: 'string' }, version: { type: 'string' }, schema: { type: 'string' } } },
    type: { type: 'string', enum: ['text', 'picture'] },
    representationType: { type: 'string', enum: ['full', 'partial'] },
    profile: { type: 'string' },
    version: { type: 'string' },
    firstCreated: { type: 'string', format: 'date-time' },
    versionCreated: { type: 'string', format: 'date-time' },
    contentCreated: { type: 'string', format: 'date-time' },
    pubStatus: { type: 'string', enum: ['usable', 'withheld', 'canceled'] },
    slugline: { type: 'string' },
    headlines: { type: 'array', items: TEXT_BLOCK },
    descriptions: { type: 'array', items: TEXT_BLOCK },
    bodies: { type: 'array', items: TEXT_BLOCK },
    by: { type: 'string' },
    people: { type: 'array', items: { type: 'object', properties: { name: { type: 'string' }, rel: { type: 'string' }, uri: { type: 'string' } } } },
    associations: { type: 'array', items: { type: 'object', additionalProperties: true } },
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
