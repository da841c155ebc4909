import { WireInputError } from './errors';

/**
 * Incremental UTF-8 decoder that rejects NUL bytes and ill-formed UTF-8 with the absolute byte
 * offset of the offending byte, even when a multi-byte sequence straddles two chunks.
 * TextDecoder does the fast work; the slow byte walk only runs once, to locate an error.
 */
export class Utf8ChunkDecoder {
  // A leading BOM is dropped by TextDecoder itself (ignoreBOM defaults to false).
  private readonly decoder = new TextDecoder('utf-8', { fatal: true });
  private bytesConsumed = 0;
  /** Bytes of a sequence left incomplete at the end of the previous chunk. */
  private carriedBytes: Uint8Array = new Uint8Array(0);

  decode(chunk: Uint8Array): string {
    const nulIndex = chunk.indexOf(0);
    if (nulIndex !== -1) {
      const offset = this.bytesConsumed + nulIndex;
      throw new WireInputError('BINARY', `Input contains a NUL byte at byte offset ${offset}; it is not a text dump`, offset);
    }
    let text: string;
    try {
      text = this.decoder.decode(chunk, { stream: true });
    } catch {
      const window = concatBytes(this.carriedBytes, chunk);
      const badIndex = firstInvalidSequence(window);
      const offset = this.bytesConsumed - this.carriedBytes.length + Math.max(badIndex, 0);
      throw invalidUtf8(offset);
    }
    // An incomplete sequence is at most 3 bytes, so the last 3 bytes of carried + chunk decide it.
    const tailWindow = chunk.length >= 3 ? chunk.subarray(chunk.length - 3) : concatBytes(this.carriedBytes, chunk);
    this.carriedBytes = tailWindow.slice(tailWindow.length - incompleteSuffixLength(tailWindow));
    this.bytesConsumed += chunk.length;
    return text;
  }

  end(): string {
    try {
      return this.decoder.decode();
    } catch {
      throw invalidUtf8(this.bytesConsumed - this.carriedBytes.length);
    }
  }
}

function invalidUtf8(offset: number): WireInputError {
  return new WireInputError('INVALID_UTF8', `Input is not valid UTF-8: bad byte sequence at byte offset ${offset}`, offset);
}

function concatBytes(head: Uint8Array, tail: Uint8Array): Uint8Array {
  if (head.length === 0) return tail;
  const joined = new Uint8Array(head.length + tail.length);
  joined.set(head, 0);
  joined.set(tail, head.length);
  return joined;
}

/** Number of trailing bytes forming the start of a sequence that is still waiting for continuation bytes. */
function incompleteSuffixLength(bytes: Uint8Array): number {
  for (let back = 1; back <= Math.min(3, bytes.length); back++) {
    const byte = bytes[bytes.length - back];
    if ((byte & 0xc0) === 0x80) continue;
    const expected = sequenceLength(byte);
    return expected > back ? back : 0;
  }
  return 0;
}

function sequenceLength(leadByte: number): number {
  if (leadByte < 0x80) return 1;
  if (leadByte >= 0xc2 && leadByte <= 0xdf) return 2;
  if (leadByte >= 0xe0 && leadByte <= 0xef) return 3;
  if (leadByte >= 0xf0 && leadByte <= 0xf4) return 4;
  return 0;
}

/**
 * Index of the first byte starting an ill-formed sequence (Unicode Table 3-7), or -1 if the bytes are
 * well formed apart from a possibly incomplete final sequence.
 */
function firstInvalidSequence(bytes: Uint8Array): number {
  let index = 0;
  while (index < bytes.length) {
    const lead = bytes[index];
    const length = sequenceLength(lead);
    if (length === 0) return index;
    let secondMin = 0x80;
    let secondMax = 0xbf;
    if (lead === 0xe0) secondMin = 0xa0;
    else if (lead === 0xed) secondMax = 0x9f;
    else if (lead === 0xf0) secondMin = 0x90;
    else if (lead === 0xf4) secondMax = 0x8f;
    for (let position = 1; position < length; position++) {
      if (index + position >= bytes.length) return -1;
      const byte = bytes[index + position];
      const min = position === 1 ? secondMin : 0x80;
      const max = position === 1 ? secondMax : 0xbf;
      if (byte < min || byte > max) return index;
    }
    index += length;
  }
  return -1;
}
