import { DomainError } from '../common/domain-error';

export enum PhotoErrorCode {
  NotFound = 'PHOTO_NOT_FOUND',
  AlreadyExists = 'PHOTO_ALREADY_EXISTS',
  UnknownPhotographer = 'PHOTO_UNKNOWN_PHOTOGRAPHER',
  NotAnImage = 'PHOTO_NOT_AN_IMAGE',
  ImageTooLarge = 'PHOTO_IMAGE_TOO_LARGE',
  NoImage = 'PHOTO_NO_IMAGE',
  InvalidUpload = 'PHOTO_INVALID_UPLOAD',
}

const STATUS: Record<PhotoErrorCode, number> = {
  [PhotoErrorCode.NotFound]: 404,
  [PhotoErrorCode.AlreadyExists]: 409,
  [PhotoErrorCode.UnknownPhotographer]: 400,
  [PhotoErrorCode.NotAnImage]: 415,
  [PhotoErrorCode.ImageTooLarge]: 413,
  [PhotoErrorCode.NoImage]: 404,
  [PhotoErrorCode.InvalidUpload]: 400,
};

export class PhotoError extends DomainError<PhotoErrorCode> {
  readonly domain = 'photos';
  constructor(code: PhotoErrorCode, message: string, extensions: Record<string, unknown> = {}) {
    super(code, message, STATUS[code], extensions);
  }
}
