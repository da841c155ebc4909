export type WireInputErrorCode = 'EMPTY' | 'BINARY' | 'INVALID_UTF8' | 'LINE_TOO_LONG' | 'NO_ARTICLES';

/** Rejection of a dump as a whole; anything the parser can recover from is a warning instead. */
export class WireInputError extends Error {
  override readonly name = 'WireInputError';

  constructor(
    readonly code: WireInputErrorCode,
    message: string,
    /** Byte offset into the raw input, for errors tied to a position. */
    readonly byteOffset: number | null = null,
  ) {
    super(message);
  }
}
