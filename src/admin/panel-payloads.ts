import { checkListQuery } from './list-query';
import type { ActionContext, ActionRequest, ActionResponse, After, Before, RecordJSON, ResourceWithOptions } from 'adminjs';

/** The most rows one list page may hold; AdminJS's own ceiling is 500. */
export const MAX_PER_PAGE = 100;

/**
 * A referenced record as a list or a page carries it: its id and title, and the link to it when the reader may
 * open it. Never its other columns: an import's report or a user's account details stay on their own pages.
 */
export function asReference(record: RecordJSON): RecordJSON {
  return {
    id: record.id,
    title: record.title,
    params: {},
    populated: {},
    errors: {},
    baseError: null,
    recordActions: (record.recordActions ?? []).filter((action) => action.name === 'show'),
    bulkActions: [],
  };
}

function withReferencesOnly(record: RecordJSON): RecordJSON {
  const populated = Object.fromEntries(Object.entries(record.populated ?? {}).map(([path, referenced]) => [path, referenced && asReference(referenced)]));
  return { ...record, populated };
}

/** A list row keeps only the columns the list shows (flattened keys like `counts.warnings` go with `counts`). */
function withListedParams(record: RecordJSON, listed: ReadonlySet<string>): RecordJSON {
  const params = Object.fromEntries(Object.entries(record.params).filter(([key]) => listed.has(key.split('.')[0])));
  return { ...record, params };
}

/** Caps `perPage` before the stock list action reads it. */
const capPerPage: Before = async (request: ActionRequest) => {
  const perPage = Number(request.query?.perPage);
  if (Number.isFinite(perPage) && perPage > MAX_PER_PAGE) return { ...request, query: { ...request.query, perPage: String(MAX_PER_PAGE) } };
  return request;
};

const boundList: After<ActionResponse> = async (response, _request, context: ActionContext) => {
  if (!Array.isArray(response.records)) return response;
  const listed = new Set([
    'id',
    ...context.resource
      .decorate()
      .getListProperties()
      .map((property) => property.propertyPath),
  ]);
  return { ...response, records: (response.records as RecordJSON[]).map((record) => withListedParams(withReferencesOnly(record), listed)) };
};

const boundRecord: After<ActionResponse> = async (response) =>
  response.record ? { ...response, record: withReferencesOnly(response.record as RecordJSON) } : response;

const boundSearch: After<ActionResponse> = async (response) =>
  Array.isArray(response.records) ? { ...response, records: (response.records as RecordJSON[]).map(asReference) } : response;

function appended<T>(existing: T | T[] | undefined, hook: T, first = false): T[] {
  const hooks = existing === undefined ? [] : Array.isArray(existing) ? existing : [existing];
  return first ? [hook, ...hooks] : [...hooks, hook];
}

/**
 * Puts the payload bounds on every resource: list pages of at most {@link MAX_PER_PAGE} rows carrying only
 * their listed columns, and references (in lists, pages and reference searches) reduced to id and title.
 * Together with the adapters' bounded reads (see `boundToRepository`), a page's size no longer depends on
 * what the records it points to hold.
 */
export function withBoundedPayloads(resource: ResourceWithOptions): ResourceWithOptions {
  const actions = { ...(resource.options.actions ?? {}) } as Record<string, Record<string, unknown>>;
  const list = actions.list ?? {};
  actions.list = {
    ...list,
    before: [checkListQuery, ...appended(list.before as Before, capPerPage, true)],
    after: appended(list.after as After<ActionResponse>, boundList),
  };
  const show = actions.show ?? {};
  actions.show = { ...show, after: appended(show.after as After<ActionResponse>, boundRecord) };
  const search = actions.search ?? {};
  actions.search = { ...search, after: appended(search.after as After<ActionResponse>, boundSearch) };
  return { ...resource, options: { ...resource.options, actions } };
}
