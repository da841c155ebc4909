import type { ActionContext, ActionRequest, ActionResponse, CurrentAdmin } from 'adminjs';
import { ArticleError, ArticleErrorCode } from '../articles/article-error';
import type { FindManyOptions, FindOptionsWhere, ObjectLiteral, Repository } from 'typeorm';
import { Actor, assertCan, can, Permission } from '../auth/actor';
import { AuthError, AuthErrorCode } from '../auth/auth-error';
import { UserRole } from '../auth/user.entity';
import { UsersService } from '../auth/users.service';
import { DomainError } from '../common/domain-error';

/** The role stored in the session: enough to decide what the panel shows, never what a service allows. */
export function sessionCan(currentAdmin: CurrentAdmin | undefined, permission: Permission): boolean {
  const role = currentAdmin?.role as UserRole | undefined;
  if (!currentAdmin || !role || !Object.values(UserRole).includes(role)) return false;
  return can({ kind: 'user', id: Number(currentAdmin.id), email: currentAdmin.email, role }, permission);
}

/** The acting user, re-read from the database: a disabled or deleted account stops working at once. */
export async function actorOf(users: UsersService, currentAdmin: CurrentAdmin | undefined): Promise<Actor> {
  const user = currentAdmin?.id === undefined ? null : await users.findById(Number(currentAdmin.id));
  if (!user || user.disabled) throw new AuthError(AuthErrorCode.Unauthenticated, 'your account no longer exists or has been disabled; log in again');
  return { kind: 'user', id: user.id, email: user.email, role: user.role };
}

/** The answer to a save that asked for nothing new: it wrote nothing, so it must not say "saved". */
export const NO_CHANGES_NOTICE = { message: 'No changes to save', type: 'info' } as const;

export type PanelHandler = (request: ActionRequest, response: unknown, context: ActionContext) => Promise<ActionResponse>;

/** What a form shows under one field after a refused save; `link` points at what the refusal names. */
export interface PanelFieldError {
  message: string;
  type: string;
  link?: { href: string; label: string };
}

/** Maps a domain error to the form fields it is about, for the page to show beside them. */
export type FieldErrorsOf = (error: DomainError, context: ActionContext) => Record<string, PanelFieldError> | undefined;

/**
 * Runs an action and turns a domain error (conflict, bad transition, bad input) into an error notice on the
 * same page. Permission errors still leave as HTTP 401/403, so a forbidden direct call is refused visibly.
 * The answer always carries a record: AdminJS's forms merge it into what is on screen, and a "new" form
 * (which has no record yet) given none shows a generic error and throws. `fieldErrors` puts the refusal
 * beside the field it is about.
 */
export function withNotices(handler: PanelHandler, fieldErrors?: FieldErrorsOf): PanelHandler {
  return async (request, response, context) => {
    try {
      return await handler(request, response, context);
    } catch (error) {
      if (!(error instanceof DomainError) || error.status === 401 || error.status === 403) throw error;
      const record = context.record?.toJSON(context.currentAdmin) ?? unsavedRecord(request.payload ?? {});
      return {
        record: { ...record, errors: { ...record.errors, ...fieldErrors?.(error, context) } },
        notice: { message: error.message, type: 'error' },
        problem: { code: error.code, status: error.status, detail: error.message, ...error.extensions },
      };
    }
  };
}

/** A record that was not created, as AdminJS's forms expect one: what was typed, no id. */
function unsavedRecord(params: Record<string, unknown>): ReturnType<NonNullable<ActionContext['record']>['toJSON']> {
  return { id: '', title: '', params, populated: {}, errors: {}, recordActions: [], bulkActions: [], baseError: null };
}

/** Action payloads arrive as form fields; structured ones are sent as one JSON field, `payload`. */
export function jsonPayload<T>(request: ActionRequest): Partial<T> {
  const raw = request.payload?.payload;
  if (typeof raw !== 'string') return {};
  try {
    return JSON.parse(raw) as Partial<T>;
  } catch {
    throw new ArticleError(ArticleErrorCode.InvalidRequest, 'the `payload` field is not valid JSON');
  }
}

/** How the panel reads an entity through the TypeORM adapter: which column names a record, which columns are never read in bulk. */
export interface PanelReadShape {
  /** The column a reference to this record shows (AdminJS's title). */
  title: string;
  /** Columns read only through their own paged action (an import's report, a delivery's payload). */
  omit?: readonly string[];
}

/**
 * An entity class whose static repository calls (what the TypeORM adapter uses) go to `repository`, the one
 * its owning module exports, rather than to BaseEntity's DataSource (the last one initialised, which is wrong
 * once a process has run more than one app: tests, restarts in one process). The panel reads through it;
 * every write goes through a service.
 *
 * Reads are bounded by `shape`: lists (`find`) and single records (`findOneBy`) leave out the omitted
 * columns, and `findBy` (which the adapter uses only for `findMany`: the records that references in a list or
 * page point to, and the selection of a bulk action) reads just the id and the title column.
 */
export function boundToRepository<T extends { getRepository(): unknown }>(entity: T, repository: Repository<ObjectLiteral>, shape: PanelReadShape): T {
  const columns = () =>
    repository.metadata.columns.filter((column) => column.isSelect && !shape.omit?.includes(column.propertyName)).map((column) => column.propertyName);
  const idColumns = () => repository.metadata.primaryColumns.map((column) => column.propertyName);
  const reads: Record<string, (...args: never[]) => unknown> = {
    getRepository: () => repository,
    find: (options: FindManyOptions = {}) => repository.find({ ...options, select: columns() }),
    findOneBy: (where: FindOptionsWhere<ObjectLiteral>) => repository.findOne({ where, select: columns() }),
    findBy: (where: FindOptionsWhere<ObjectLiteral>) => repository.find({ where, select: [...idColumns(), shape.title] }),
  };
  return new Proxy(entity, {
    get(target, property, receiver) {
      if (typeof property === 'string' && property in reads) return reads[property];
      return Reflect.get(target, property, receiver);
    },
  });
}

/**
 * Wraps a stock AdminJS handler (list, show) with a permission check that answers 403. AdminJS's own
 * `isAccessible` refusals come back as 200 with an error notice, which a direct caller could mistake for success.
 */
export function requiring(users: UsersService, permission: Permission, handler: PanelHandler): PanelHandler {
  return async (request, response, context) => {
    assertCan(await actorOf(users, context.currentAdmin), permission);
    return handler(request, response, context);
  };
}
