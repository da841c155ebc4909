import { WireInputError, type WireInputErrorCode } from './errors';
import { MAX_LINE_LENGTH } from './lines';
import { WireDumpParser, parseWireDump } from './parser';
import { buildDump } from './testing/dump-builder';

const validDump = buildDump([{ headline: 'Talks in Baghdad', photos: [], body: ['The talks ended on Monday.'] }]);

function errorOf(run: () => unknown): WireInputError {
  try {
    run();
  } catch (error) {
    if (error instanceof WireInputError) return error;
    throw error;
  }
  throw new Error('expected a WireInputError');
}

function expectRejection(input: Uint8Array | string, code: WireInputErrorCode, byteOffset: number | null = null): WireInputError {
  const error = errorOf(() => parseWireDump(input));
  expect(error).toMatchObject({ name: 'WireInputError', code, byteOffset });
  return error;
}

describe('input validation', () => {
  it('rejects empty input', () => {
    expectRejection(Buffer.alloc(0), 'EMPTY');
    expectRejection('', 'EMPTY');
  });

  it('rejects whitespace-only input, non-breaking spaces and a lone BOM included', () => {
    expectRejection(' \n\t\r\n\u00a0\n\r\n', 'EMPTY');
    expectRejection('\ufeff', 'EMPTY');
  });

  it('rejects binary input at its first NUL byte', () => {
    const error = expectRejection(Buffer.from('Headline\n\u0000\u0001'), 'BINARY', 9);
    expect(error.message).toContain('byte offset 9');
  });

  it.each([
    ['a stray continuation byte', [0x80], 9],
    ['an invalid lead byte', [0xff], 9],
    ['an overlong encoding', [0xc0, 0x80], 9],
    ['an encoded surrogate', [0xed, 0xa0, 0x80], 9],
    ['a lead byte followed by ASCII', [0x41, 0xe2, 0x28, 0xa1], 10],
  ])('rejects invalid UTF-8 (%s) with the offset of the first bad byte', (_case, bytes, offset) => {
    const input = Buffer.concat([Buffer.from('Headline\n'), Buffer.from(bytes), Buffer.from('\nmore text\n')]);
    const error = expectRejection(input, 'INVALID_UTF8', offset);
    expect(error.message).toContain(`byte offset ${offset}`);
  });

  it('counts the BOM and multi-byte characters in the offset', () => {
    const input = Buffer.concat([Buffer.from('\ufeffالعراق\n', 'utf8'), Buffer.from([0xc3, 0x28])]);
    expectRejection(input, 'INVALID_UTF8', 3 + 12 + 1);
  });

  it('rejects a multi-byte sequence cut off at the end of the input', () => {
    const input = Buffer.concat([Buffer.from(validDump), Buffer.from([0xe2, 0x80])]);
    expectRejection(input, 'INVALID_UTF8', Buffer.byteLength(validDump));
  });

  it('locates invalid UTF-8 whose sequence straddles a chunk boundary', () => {
    const parser = new WireDumpParser();
    parser.push(Buffer.from('Headline\n'));
    parser.push(Buffer.from([0x41, 0xe2]));
    parser.push(Buffer.from([0x82]));
    const error = errorOf(() => parser.push(Buffer.from([0x28, 0x41])));
    expect(error).toMatchObject({ code: 'INVALID_UTF8', byteOffset: 10 });
    expect(error.message).toContain('byte offset 10');
  });

  it('locates a bad byte that starts a later chunk', () => {
    const parser = new WireDumpParser();
    parser.push(Buffer.from('Headline\n'));
    expect(errorOf(() => parser.push(Buffer.from([0xbf])))).toMatchObject({ code: 'INVALID_UTF8', byteOffset: 9 });
  });

  it('locates a sequence cut off at the end of a stream', () => {
    const parser = new WireDumpParser();
    parser.push(Buffer.from('Headline\n\u00e9'));
    parser.push(Buffer.from([0xf0, 0x9f]));
    parser.push(Buffer.from([0x98]));
    expect(errorOf(() => parser.end())).toMatchObject({ code: 'INVALID_UTF8', byteOffset: 11 });
  });

  it('rejects text without a recognisable article', () => {
    const error = expectRejection('Just a paragraph of text.\n\nAnd another one, with no headline printed twice.\n', 'NO_ARTICLES');
    expect(error.message).toContain('3 line(s)');
  });

  it('rejects a dump that is one enormous line', () => {
    const parser = new WireDumpParser();
    const chunk = Buffer.alloc(64 * 1024, 'a');
    const pushUntilRejected = () => {
      for (let pushed = 0; pushed <= MAX_LINE_LENGTH; pushed += chunk.length) parser.push(chunk);
    };
    expect(errorOf(pushUntilRejected).code).toBe('LINE_TOO_LONG');
  });

  it('accepts the same dump once the problem is gone', () => {
    expect(parseWireDump(validDump).articles).toHaveLength(1);
  });
});
