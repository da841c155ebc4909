/**
 * What an import remembers about every article of a dump, however long, packed in typed arrays: 4 bytes an
 * article (8 with room to double) where a `Map` or `Set` of numbers took 35–50: measured at 290,000 articles,
 * 2 MB each against 15 and 10 MB.
 */

/** Article row id by the article's position in the dump (positions are dense, from 0). */
export class RowIdsByPosition {
  private ids = new Int32Array(1024);

  get(position: number): number | undefined {
    const id = position < this.ids.length ? this.ids[position]! : 0;
    return id > 0 ? id : undefined;
  }

  set(position: number, id: number): void {
    if (!Number.isInteger(id) || id <= 0 || id > 0x7fffffff) throw new RangeError(`Not an article id: ${id}`);
    if (position >= this.ids.length) {
      const grown = new Int32Array(Math.max(position + 1, this.ids.length * 2));
      grown.set(this.ids);
      this.ids = grown;
    }
    this.ids[position] = id;
  }
}

/** A set of article ids, kept sorted: the ids an import created, which arrive mostly in ascending batches. */
export class ArticleIdSet {
  private ids = new Int32Array(1024);
  private count = 0;

  get size(): number {
    return this.count;
  }

  add(id: number): void {
    if (this.has(id)) return;
    if (this.count === this.ids.length) {
      const grown = new Int32Array(this.ids.length * 2);
      grown.set(this.ids);
      this.ids = grown;
    }
    // Ascending ids (the usual case) append; any other is moved into place.
    let position = this.count++;
    while (position > 0 && this.ids[position - 1]! > id) {
      this.ids[position] = this.ids[position - 1]!;
      position--;
    }
    this.ids[position] = id;
  }

  has(id: number): boolean {
    let low = 0;
    let high = this.count - 1;
    while (low <= high) {
      const middle = (low + high) >>> 1;
      const value = this.ids[middle]!;
      if (value === id) return true;
      if (value < id) low = middle + 1;
      else high = middle - 1;
    }
    return false;
  }
}
