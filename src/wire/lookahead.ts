/** A non-blank, normalised source line. */
export interface SourceLine {
  number: number;
  text: string;
  /** Blank lines since the previous non-blank line; Infinity at the start of the file. */
  blankBefore: number;
}

/**
 * The lines the assembler has read but not yet placed, with an index from text to position so that
 * "where is this line printed again?" costs a map lookup rather than a scan. Positions are sequence
 * numbers that never change, so compacting the buffer does not touch the index.
 */
export class LookaheadWindow {
  private lines: SourceLine[] = [];
  private head = 0;
  /** Sequence number of `lines[0]`. */
  private base = 0;
  private chars = 0;
  /** Sequence numbers of each text in the window: a number for a line printed once (most are), a list otherwise. */
  private readonly positions = new Map<string, number | number[]>();

  get size(): number {
    return this.lines.length - this.head;
  }

  /** Characters held, so that a window of huge lines is bounded like a window of many lines. */
  get heldChars(): number {
    return this.chars;
  }

  push(line: SourceLine): void {
    const sequence = this.base + this.lines.length;
    this.lines.push(line);
    this.chars += line.text.length;
    const known = this.positions.get(line.text);
    if (known === undefined) this.positions.set(line.text, sequence);
    else if (typeof known === 'number') this.positions.set(line.text, [known, sequence]);
    else known.push(sequence);
  }

  /** The line `offset` places after the head; the caller keeps `offset < size`. */
  at(offset: number): SourceLine {
    return this.lines[this.head + offset];
  }

  take(): SourceLine {
    const line = this.lines[this.head];
    const known = this.positions.get(line.text)!;
    if (typeof known === 'number') this.positions.delete(line.text);
    else {
      known.shift();
      if (known.length === 1) this.positions.set(line.text, known[0]);
    }
    this.chars -= line.text.length;
    this.head++;
    if (this.head > 4096 && this.head * 2 > this.lines.length) {
      this.lines = this.lines.slice(this.head);
      this.base += this.head;
      this.head = 0;
    }
    return line;
  }

  /** Offset of the next print of the line at `offset`, looking no further than `limit`; -1 when none. */
  nextPrintOf(offset: number, limit: number): number {
    const known = this.positions.get(this.at(offset).text)!;
    if (typeof known === 'number') return -1;
    const sequence = this.base + this.head + offset;
    for (const candidate of known) {
      if (candidate <= sequence) continue;
      const candidateOffset = candidate - this.base - this.head;
      return candidateOffset <= limit ? candidateOffset : -1;
    }
    return -1;
  }
}
