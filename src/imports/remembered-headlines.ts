/**
 * The headline words (`headlineWordKeys`) of the last `capacity` articles an import wrote or read, by article id,
 * forgotten oldest first. The words are copied into shared blocks and each id maps to a number (block and offset),
 * not to an array of its own: with a typed array per headline, 300,000 headlines of 11 words took 57 MB (190 bytes
 * each, ~100 of them the array object); so they take 35 MB. A block is dropped once every headline in it has been
 * forgotten.
 */
export class RememberedHeadlines {
  /** Where each id's words are: block number × 2³² + offset of the entry (its word count, then the words). */
  private readonly where = new Map<number, number>();
  private readonly blocks = new Map<number, Block>();
  /**
   * Ids in the order remembered, a ring: the slot the next one takes holds the one to forget. It grows to the
   * capacity as ids come, like the first block, so a small import holds little (300,000 slots are 1.2 MB).
   */
  private order = new Int32Array(0);
  private remembered = 0;
  private current: Block = { words: new Int32Array(0), live: 0 };
  private currentNumber = 0;
  private used = 0;

  constructor(
    private readonly capacity: number,
    private readonly blockWords = 65_536,
  ) {
    this.blocks.set(0, this.current);
  }

  get size(): number {
    return this.where.size;
  }

  /** Room held for words, in words: the blocks not yet dropped. */
  get heldWords(): number {
    let held = 0;
    for (const block of this.blocks.values()) held += block.words.length;
    return held;
  }

  has(articleId: number): boolean {
    return this.where.has(articleId);
  }

  /** The remembered words (a view of their block), or undefined. */
  get(articleId: number): Int32Array | undefined {
    const at = this.where.get(articleId);
    if (at === undefined) return undefined;
    const offset = at % BLOCK_SPAN;
    const words = this.blocks.get((at - offset) / BLOCK_SPAN)!.words;
    return words.subarray(offset + 1, offset + 1 + words[offset]!);
  }

  /** Remembers the words of an id not remembered yet (an id already remembered keeps its first words). */
  remember(articleId: number, words: Int32Array): void {
    if (this.capacity === 0 || this.where.has(articleId)) return;
    if (this.used + words.length + 1 > this.current.words.length) {
      // Only the first block can be left empty (it starts with no room): nothing would ever drop it.
      if (this.current.live === 0) this.blocks.delete(this.currentNumber);
      this.currentNumber += 1;
      this.current = { words: new Int32Array(Math.max(this.blockWords, words.length + 1)), live: 0 };
      this.blocks.set(this.currentNumber, this.current);
      this.used = 0;
    }
    const slot = this.remembered % this.capacity;
    if (slot === this.order.length) {
      const grown = new Int32Array(Math.min(this.capacity, Math.max(1024, slot * 2)));
      grown.set(this.order);
      this.order = grown;
    }
    if (this.remembered >= this.capacity) this.forget(this.order[slot]!);
    this.order[slot] = articleId;
    this.remembered += 1;
    this.current.words[this.used] = words.length;
    this.current.words.set(words, this.used + 1);
    this.where.set(articleId, this.currentNumber * BLOCK_SPAN + this.used);
    this.current.live += 1;
    this.used += words.length + 1;
  }

  private forget(articleId: number): void {
    const at = this.where.get(articleId)!;
    this.where.delete(articleId);
    const number = (at - (at % BLOCK_SPAN)) / BLOCK_SPAN;
    const block = this.blocks.get(number)!;
    block.live -= 1;
    if (block.live === 0 && block !== this.current) this.blocks.delete(number);
  }
}

interface Block {
  words: Int32Array;
  /** Remembered headlines whose words are in this block. */
  live: number;
}

/** Offsets within a block stay below this (a block holds at most 2³² words). */
const BLOCK_SPAN = 2 ** 32;
