import { DomainError } from '../common/domain-error';

export enum TaxonomyErrorCode {
  NotFound = 'TAXONOMY_NOT_FOUND',
  SlugTaken = 'TAXONOMY_SLUG_TAKEN',
  InUse = 'TAXONOMY_IN_USE',
  InvalidRequest = 'TAXONOMY_INVALID_REQUEST',
}

const STATUS: Record<TaxonomyErrorCode, number> = {
  [TaxonomyErrorCode.NotFound]: 404,
  [TaxonomyErrorCode.SlugTaken]: 409,
  [TaxonomyErrorCode.InUse]: 409,
  [TaxonomyErrorCode.InvalidRequest]: 400,
};

/** Sections and tags. */
export class TaxonomyError extends DomainError<TaxonomyErrorCode> {
  readonly domain = 'taxonomy';
  constructor(code: TaxonomyErrorCode, message: string, extensions: Record<string, unknown> = {}) {
    super(code, message, STATUS[code], extensions);
  }
}
