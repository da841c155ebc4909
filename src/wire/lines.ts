import { WireInputError } from './errors';
import { NFC_STABLE_RANGES, anyCharacterOutside, rangesWithout, toNfc } from './nfc';

/** Longer "lines" mean the input is not a line-oriented dump; refusing them keeps memory bounded. */
export const MAX_LINE_LENGTH = 1 << 20;

const SPACE_LOOKALIKES = /[\u00a0\u2007\u202f]/g;
// A BOM can reappear mid-file where dumps were concatenated.
const BYTE_ORDER_MARKS = /\ufeff/g;
// Most lines hold only characters that none of the steps but trimming changes: one scan tells.
const NEEDS_MORE_THAN_TRIMMING = anyCharacterOutside(rangesWithout(NFC_STABLE_RANGES, [0x00a0, 0x2007, 0x202f, 0xfeff]));

/**
 * The canonical form of a line: non-breaking spaces become plain spaces, stray BOMs go, the text
 * is NFC and trimmed. Every string the parser outputs is (a substring of) such a line.
 */
export function normaliseLine(raw: string): string {
  if (!NEEDS_MORE_THAN_TRIMMING.test(raw)) return raw.trim();
  return toNfc(raw.replace(BYTE_ORDER_MARKS, '').replace(SPACE_LOOKALIKES, ' ')).trim();
}

/** Splits streamed text on LF, CRLF or lone CR, even when a CRLF pair straddles two chunks. */
export class LineSplitter {
  private carry = '';
  private readonly lineBreak = /[\r\n]/g;

  push(text: string, emit: (line: string) => void): void {
    this.split(this.carry + text, false, emit);
  }

  end(emit: (line: string) => void): void {
    this.split(this.carry, true, emit);
  }

  private split(text: string, final: boolean, emit: (line: string) => void): void {
    let start = 0;
    this.lineBreak.lastIndex = 0;
    // test() rather than exec(): the break is the character before lastIndex, and no match is allocated per line.
    while (this.lineBreak.test(text)) {
      const breakIndex = this.lineBreak.lastIndex - 1;
      if (text.charCodeAt(breakIndex) === 13 /* \r */) {
        // A CR at the very end may be the first half of a CRLF split across chunks.
        if (breakIndex === text.length - 1 && !final) break;
        emit(text.slice(start, breakIndex));
        start = text.charCodeAt(breakIndex + 1) === 10 ? breakIndex + 2 : breakIndex + 1;
        this.lineBreak.lastIndex = start;
      } else {
        emit(text.slice(start, breakIndex));
        start = breakIndex + 1;
      }
    }
    this.carry = text.slice(start);
    if (final && this.carry.length > 0) {
      emit(this.carry);
      this.carry = '';
    }
    if (this.carry.length > MAX_LINE_LENGTH) {
      throw new WireInputError('LINE_TOO_LONG', `Input has a line longer than ${MAX_LINE_LENGTH} characters; it is not a line-oriented dump`);
    }
  }
}
