export type ParagraphDiffKind = 'same' | 'changed' | 'removed' | 'added';

/** A run of words (with the spaces between them) that both sides share, or only one has. */
export interface WordDiffPart {
  kind: 'same' | 'removed' | 'added';
  text: string;
}

/** One row of a side-by-side comparison: the left paragraph, the right one, or both. */
export interface ParagraphDiffRow {
  kind: ParagraphDiffKind;
  left: string | null;
  right: string | null;
  /** For a `changed` row: the words that changed inside it, so a reworded paragraph shows which words moved. */
  words?: WordDiffPart[];
}

/** Beyond this many token pairs a paragraph pair is shown as wholly replaced rather than aligned word by word. */
const MAX_WORD_CELLS = 250_000;

/**
 * The words of `left` and `right` lined up by their longest common subsequence: shared runs, and what only
 * one side has. Whitespace is kept as tokens so the parts join back into each side's exact text.
 */
export function diffWords(left: string, right: string): WordDiffPart[] {
  const a = left.match(/\s+|[^\s]+/g) ?? [];
  const b = right.match(/\s+|[^\s]+/g) ?? [];
  if (a.length * b.length > MAX_WORD_CELLS) return merge([{ kind: 'removed', text: left }, { kind: 'added', text: right }]);
  const lengths = Array.from({ length: a.length + 1 }, () => new Uint32Array(b.length + 1));
  for (let i = a.length - 1; i >= 0; i--) {
    for (let j = b.length - 1; j >= 0; j--) {
      lengths[i][j] = a[i] === b[j] ? lengths[i + 1][j + 1] + 1 : Math.max(lengths[i + 1][j], lengths[i][j + 1]);
    }
  }
  const parts: WordDiffPart[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length || j < b.length) {
    if (i < a.length && j < b.length && a[i] === b[j]) {
      parts.push({ kind: 'same', text: a[i++] });
      j++;
    } else if (j < b.length && (i === a.length || lengths[i][j + 1] >= lengths[i + 1][j])) {
      parts.push({ kind: 'added', text: b[j++] });
    } else {
      parts.push({ kind: 'removed', text: a[i++] });
    }
  }
  return merge(absorbLoneSpaces(parts));
}

/** A single shared space between two changed words reads better as part of the change. */
function absorbLoneSpaces(parts: WordDiffPart[]): WordDiffPart[] {
  return parts.flatMap((part, index) => {
    const [before, after] = [parts[index - 1], parts[index + 1]];
    if (part.kind !== 'same' || !/^\s+$/.test(part.text) || !before || !after || before.kind === 'same' || after.kind === 'same') return [part];
    return [
      { kind: 'removed', text: part.text },
      { kind: 'added', text: part.text },
    ];
  });
}

function merge(parts: WordDiffPart[]): WordDiffPart[] {
  const merged: WordDiffPart[] = [];
  for (const part of parts) {
    if (part.text === '') continue;
    const last = merged.at(-1);
    if (last?.kind === part.kind) last.text += part.text;
    else merged.push({ ...part });
  }
  // Removals before additions within each changed stretch, as editors read a replacement.
  for (let k = 0; k + 1 < merged.length; k++) {
    if (merged[k].kind === 'added' && merged[k + 1].kind === 'removed') [merged[k], merged[k + 1]] = [merged[k + 1], merged[k]];
  }
  return merged;
}

/**
 * Lines up two lists of paragraphs by their longest common subsequence. A removal directly followed by an
 * addition is shown as one `changed` row, which is how editors read a reworded paragraph.
 */
export function diffParagraphs(left: readonly string[], right: readonly string[]): ParagraphDiffRow[] {
  const lengths = Array.from({ length: left.length + 1 }, () => new Array<number>(right.length + 1).fill(0));
  for (let i = left.length - 1; i >= 0; i--) {
    for (let j = right.length - 1; j >= 0; j--) {
      lengths[i][j] = left[i] === right[j] ? lengths[i + 1][j + 1] + 1 : Math.max(lengths[i + 1][j], lengths[i][j + 1]);
    }
  }
  const rows: ParagraphDiffRow[] = [];
  let i = 0;
  let j = 0;
  while (i < left.length || j < right.length) {
    if (i < left.length && j < right.length && left[i] === right[j]) {
      rows.push({ kind: 'same', left: left[i++], right: right[j++] });
    } else if (j < right.length && (i === left.length || lengths[i][j + 1] >= lengths[i + 1][j])) {
      rows.push({ kind: 'added', left: null, right: right[j++] });
    } else {
      rows.push({ kind: 'removed', left: left[i++], right: null });
    }
  }
  return pairReplacements(rows);
}

function pairReplacements(rows: ParagraphDiffRow[]): ParagraphDiffRow[] {
  const paired: ParagraphDiffRow[] = [];
  for (let k = 0; k < rows.length; k++) {
    const row = rows[k];
    const next = rows[k + 1];
    if (row.kind === 'removed' && next?.kind === 'added') {
      paired.push(changedRow(row.left!, next.right!));
      k++;
    } else if (row.kind === 'added' && next?.kind === 'removed') {
      paired.push(changedRow(next.left!, row.right!));
      k++;
    } else {
      paired.push(row);
    }
  }
  return paired;
}

/** One paragraph (or headline, or caption) that was reworded, with the words that changed. */
export function changedRow(left: string, right: string): ParagraphDiffRow {
  return { kind: 'changed', left, right, words: diffWords(left, right) };
}
