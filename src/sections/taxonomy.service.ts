import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityTarget, In } from 'typeorm';
import { slugify } from '../articles/slug';
import { Actor, assertCan, Permission } from '../auth/actor';
import { isUniqueViolation } from '../database/postgres-errors';
import { Section } from './section.entity';
import { Tag } from './tag.entity';
import { TaxonomyError, TaxonomyErrorCode } from './taxonomy-error';

export type TaxonomyKind = 'section' | 'tag';

export interface TaxonomyInput {
  name?: unknown;
  slug?: unknown;
}

type Term = Section | Tag;

const ENTITY: Record<TaxonomyKind, EntityTarget<Term>> = { section: Section, tag: Tag };
const MAX_LENGTH = 80;

/**
 * Sections and tags: the desk's vocabulary for where a story goes and what it is about. Admins manage
 * them; editors assign them to articles (ArticlesService). A section printed by any article cannot be
 * deleted (rename it instead); deleting a tag takes it off every article.
 */
@Injectable()
export class TaxonomyService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  list(kind: TaxonomyKind): Promise<Term[]> {
    return this.dataSource.getRepository(ENTITY[kind]).find({ order: { name: 'ASC', id: 'ASC' } });
  }

  async create(kind: TaxonomyKind, input: TaxonomyInput, actor: Actor): Promise<Term> {
    assertCan(actor, Permission.ManageSections);
    const name = nameOf(input.name, kind);
    const slug = input.slug === undefined || input.slug === '' ? slugify(name) : slugOf(input.slug, kind);
    return this.saving(kind, slug, () => this.dataSource.getRepository(ENTITY[kind]).save({ name, slug }));
  }

  async update(kind: TaxonomyKind, id: number, input: TaxonomyInput, actor: Actor): Promise<{ term: Term; changed: boolean }> {
    assertCan(actor, Permission.ManageSections);
    const repository = this.dataSource.getRepository(ENTITY[kind]);
    const term = await this.get(kind, id);
    const name = input.name === undefined ? term.name : nameOf(input.name, kind);
    const slug = input.slug === undefined ? term.slug : slugOf(input.slug, kind);
    if (name === term.name && slug === term.slug) return { term, changed: false };
    Object.assign(term, { name, slug });
    return { term: await this.saving(kind, slug, () => repository.save(term)), changed: true };
  }

  async remove(kind: TaxonomyKind, id: number, actor: Actor): Promise<void> {
    assertCan(actor, Permission.ManageSections);
    const term = await this.get(kind, id);
    if (kind === 'section') {
      const [{ count }] = await this.dataSource.query(`SELECT count(*)::int AS count FROM articles WHERE "sectionId" = $1`, [id]);
      if (count > 0) {
        throw new TaxonomyError(TaxonomyErrorCode.InUse, `section "${term.name}" is assigned to ${count} article${count === 1 ? '' : 's'}; rename it, or move them first`, { articles: count });
      }
    }
    await this.dataSource.getRepository(ENTITY[kind]).delete(id);
  }

  async get(kind: TaxonomyKind, id: number): Promise<Term> {
    const term = await this.dataSource.getRepository(ENTITY[kind]).findOneBy({ id });
    if (!term) throw new TaxonomyError(TaxonomyErrorCode.NotFound, `no ${kind} with id ${id}`);
    return term;
  }

  /** Whether publishing must name a section: once the desk has any, every article goes somewhere. */
  async sectionsInUse(): Promise<boolean> {
    return (await this.dataSource.getRepository(Section).count({ take: 1 })) > 0;
  }

  /** Every id must exist; the answer is in the order asked. */
  async existing(kind: TaxonomyKind, ids: readonly number[]): Promise<Term[]> {
    if (ids.length === 0) return [];
    const found = await this.dataSource.getRepository(ENTITY[kind]).findBy({ id: In([...ids]) });
    const missing = ids.filter((id) => !found.some((term) => term.id === id));
    if (missing.length > 0) throw new TaxonomyError(TaxonomyErrorCode.InvalidRequest, `no ${kind} with id ${missing.join(', ')}`);
    return ids.map((id) => found.find((term) => term.id === id)!);
  }

  private async saving<T>(kind: TaxonomyKind, slug: string, save: () => Promise<T>): Promise<T> {
    try {
      return await save();
    } catch (error) {
      if (isUniqueViolation(error, kind === 'section' ? 'UQ_sections_slug' : 'UQ_tags_slug')) {
        throw new TaxonomyError(TaxonomyErrorCode.SlugTaken, `another ${kind} already uses the slug "${slug}"`);
      }
      throw error;
    }
  }
}

function nameOf(raw: unknown, kind: TaxonomyKind): string {
  const name = typeof raw === 'string' ? raw.trim().replace(/\s+/g, ' ') : '';
  if (name.length === 0 || name.length > MAX_LENGTH) throw new TaxonomyError(TaxonomyErrorCode.InvalidRequest, `a ${kind} needs a name of 1 to ${MAX_LENGTH} characters`);
  return name;
}

function slugOf(raw: unknown, kind: TaxonomyKind): string {
  const slug = typeof raw === 'string' ? raw.trim() : '';
  if (!/^[\p{Ll}\p{Lo}\p{N}]+(-[\p{Ll}\p{Lo}\p{N}]+)*$/u.test(slug) || slug.length > MAX_LENGTH) {
    throw new TaxonomyError(TaxonomyErrorCode.InvalidRequest, `a ${kind} slug is lower-case words joined by hyphens (e.g. "middle-east"), not "${String(raw)}"`);
  }
  return slug;
}
