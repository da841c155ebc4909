export type ParagraphDiffKind = 'same' | 'changed' | 'removed' | 'added';

/** One row of a side-by-side comparison: the left paragraph, the right one, or both. */
export interface ParagraphDiffRow {
  kind: ParagraphDiffKind;
  left: string | null;
  right: string | null;
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
      paired.push({ kind: 'changed', left: row.left, right: next.right });
      k++;
    } else if (row.kind === 'added' && next?.kind === 'removed') {
      paired.push({ kind: 'changed', left: next.left, right: row.right });
      k++;
    } else {
      paired.push(row);
    }
  }
  return paired;
}
