import { WireInputError } from './errors';
import { toNfc } from './nfc';

/** Longer "lines" mean the input is not a line-oriented dump; refusing them keeps memory bounded. */
export const MAX_LINE_LENGTH = 1 << 20;

const SPACE_LOOKALIKES = /[\u00a0\u2007\u202f]/g;
// A BOM can reappear mid-file where dumps were concatenated.
const BYTE_ORDER_MARKS = /\ufeff/g;
// Most lines have neither, and skip both replacements.
const SPACE_LOOKALIKE_OR_BOM = /[\u00a0\u2007\u202f\ufeff]/;

/**
 * The canonical form of a line: non-breaking spaces become plain spaces, stray BOMs go, the text
 * is NFC and trimmed. Every string the parser outputs is (a substring of) such a line.
 */
export function normaliseLine(raw: string): string {
  const spaced = SPACE_LOOKALIKE_OR_BOM.test(raw) ? raw.replace(BYTE_ORDER_MARKS, '').replace(SPACE_LOOKALIKES, ' ') : raw;
  return toNfc(spaced).trim();
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
    for (let match = this.lineBreak.exec(text); match !== null; match = this.lineBreak.exec(text)) {
      const breakIndex = match.index;
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
