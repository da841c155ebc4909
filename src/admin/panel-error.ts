import { DomainError } from '../common/domain-error';

export enum PanelErrorCode {
  /** A list page asked for with a parameter the list cannot take (sortBy, perPage, page, direction, filters.*). */
  InvalidListQuery = 'PANEL_INVALID_LIST_QUERY',
  /** A panel form's fields, refused by the API's own DTO for the same write. */
  InvalidInput = 'PANEL_INVALID_INPUT',
}

const STATUS: Record<PanelErrorCode, number> = {
  [PanelErrorCode.InvalidListQuery]: 400,
  [PanelErrorCode.InvalidInput]: 400,
};

/** Requests the panel itself refuses, before any domain service is asked. */
export class PanelError extends DomainError<PanelErrorCode> {
  readonly domain = 'panel';
  constructor(code: PanelErrorCode, message: string, extensions: Record<string, unknown> = {}) {
    super(code, message, STATUS[code], extensions);
  }
}
