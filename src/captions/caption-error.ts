import { DomainError } from '../common/domain-error';

export enum CaptionErrorCode {
  NotFound = 'CAPTION_NOT_FOUND',
  UnknownArticle = 'CAPTION_UNKNOWN_ARTICLE',
  UnknownPhoto = 'CAPTION_UNKNOWN_PHOTO',
  PositionTaken = 'CAPTION_POSITION_TAKEN',
}

const STATUS: Record<CaptionErrorCode, number> = {
  [CaptionErrorCode.NotFound]: 404,
  [CaptionErrorCode.UnknownArticle]: 400,
  [CaptionErrorCode.UnknownPhoto]: 400,
  [CaptionErrorCode.PositionTaken]: 409,
};

export class CaptionError extends DomainError<CaptionErrorCode> {
  readonly domain = 'captions';
  constructor(code: CaptionErrorCode, message: string) {
    super(code, message, STATUS[code]);
  }
}
