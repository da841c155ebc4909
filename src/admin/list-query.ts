import type { ActionContext, ActionRequest, Before } from 'adminjs';
import { PanelError, PanelErrorCode } from './panel-error';

/** Deepest page a list may ask for: 100 rows a page reaches a hundred million rows. */
const MAX_PAGE = 1_000_000;
/** Longest text a filter may search for. */
const MAX_FILTER_TEXT = 500;
/** PostgreSQL's `integer`, the type of every id and number column the panel filters on. */
const MAX_INT4 = 2 ** 31 - 1;
/** AdminJS sends date ranges as `filters.<path>~~from` and `filters.<path>~~to`. */
const RANGE_SEPARATOR = '~~';

type DecoratedProperty = ReturnType<ReturnType<ActionContext['resource']['decorate']>['getListProperties']>[number];

function invalid(parameter: string, message: string): PanelError {
  return new PanelError(PanelErrorCode.InvalidListQuery, `${parameter}: ${message}`, { parameter });
}

function single(parameter: string, value: unknown): string {
  if (typeof value !== 'string') throw invalid(parameter, 'give it once, as text');
  return value;
}

function wholeNumber(parameter: string, raw: string, min: number, max: number): number {
  if (!/^\d{1,10}$/.test(raw) || Number(raw) < min || Number(raw) > max) throw invalid(parameter, `must be a whole number from ${min} to ${max}`);
  return Number(raw);
}

function checkDate(parameter: string, raw: string): void {
  const time = Date.parse(raw);
  // PostgreSQL keeps years 4713 BC to 294276 AD; the panel's pickers send ISO dates well inside 1–9999.
  if (Number.isNaN(time) || new Date(time).getUTCFullYear() < 1 || new Date(time).getUTCFullYear() > 9999) throw invalid(parameter, `"${raw}" is not a date`);
}

function checkFilterValue(parameter: string, property: DecoratedProperty, part: string | undefined, raw: string): void {
  const type = property.type();
  if (type === 'datetime' || type === 'date') {
    if (part !== 'from' && part !== 'to') throw invalid(parameter, `a date filter is a range: use filters.${property.propertyPath}~~from and ~~to`);
    return checkDate(parameter, raw);
  }
  if (part !== undefined) throw invalid(parameter, 'only date filters take ~~from and ~~to');
  const allowed = property.availableValues()?.map((option) => String(option.value));
  if (allowed) {
    if (!allowed.includes(raw)) throw invalid(parameter, `unknown ${property.propertyPath} "${raw}" (one of ${allowed.join(', ')})`);
    return;
  }
  switch (type) {
    case 'number':
    case 'reference':
      wholeNumber(parameter, raw, type === 'number' ? 0 : 1, MAX_INT4);
      return;
    case 'float':
      if (!/^-?\d{1,15}(\.\d{1,15})?$/.test(raw)) throw invalid(parameter, 'must be a number');
      return;
    case 'boolean':
      if (raw !== 'true' && raw !== 'false') throw invalid(parameter, 'must be true or false');
      return;
    case 'string':
    case 'textarea':
    case 'richtext':
      if (raw.length > MAX_FILTER_TEXT) throw invalid(parameter, `is longer than ${MAX_FILTER_TEXT} characters`);
      if (raw.includes('\u0000')) throw invalid(parameter, 'contains a NUL character');
      return;
    default:
      throw invalid(parameter, `this list cannot be filtered on ${property.propertyPath}`);
  }
}

/**
 * Checks a list request's parameters against the resource before AdminJS or an adapter reads them, so a bad
 * one is a 400 naming it, never a database error. Empty filters (what the filter form sends for a cleared
 * field) are dropped; `perPage` is capped separately.
 */
export const checkListQuery: Before = async (request: ActionRequest, context: ActionContext) => {
  const decorated = context.resource.decorate();
  const query: Record<string, unknown> = { ...(request.query ?? {}) };
  if (query.page !== undefined) wholeNumber('page', single('page', query.page), 1, MAX_PAGE);
  if (query.perPage !== undefined) wholeNumber('perPage', single('perPage', query.perPage), 1, 10_000);
  if (query.direction !== undefined && !['asc', 'desc'].includes(single('direction', query.direction))) throw invalid('direction', 'must be asc or desc');
  if (query.sortBy !== undefined) {
    const sortBy = single('sortBy', query.sortBy);
    const sortable = decorated
      .getListProperties()
      .filter((property) => property.isSortable())
      .map((property) => property.propertyPath);
    if (!sortable.includes(sortBy)) throw invalid('sortBy', `this list sorts by ${sortable.join(', ')}`);
  }
  const filterable = new Map(decorated.getProperties({ where: 'filter' }).map((property) => [property.propertyPath, property]));
  for (const [parameter, value] of Object.entries(query)) {
    if (!parameter.startsWith('filters.')) continue;
    const raw = single(parameter, value);
    if (raw === '') {
      delete query[parameter];
      continue;
    }
    const [path, part, ...rest] = parameter.slice('filters.'.length).split(RANGE_SEPARATOR);
    const property = filterable.get(path);
    if (!property || rest.length > 0) throw invalid(parameter, `this list filters on ${[...filterable.keys()].join(', ')}`);
    checkFilterValue(parameter, property, part, raw);
  }
  return { ...request, query: query as ActionRequest['query'] };
};
