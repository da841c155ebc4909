import fc from 'fast-check';
import { RememberedHeadlines } from './remembered-headlines';

const words = (...values: number[]) => Int32Array.from(values);

describe('RememberedHeadlines', () => {
  it('returns the words remembered for an id, and nothing for an id never remembered', () => {
    const memory = new RememberedHeadlines(10);
    memory.remember(7, words(3, 1, 2));
    memory.remember(9, words());
    expect(Array.from(memory.get(7)!)).toEqual([3, 1, 2]);
    expect(Array.from(memory.get(9)!)).toEqual([]);
    expect(memory.has(8)).toBe(false);
    expect(memory.get(8)).toBeUndefined();
  });

  it('forgets the oldest first once full, and keeps an id first remembered with its first words', () => {
    const memory = new RememberedHeadlines(3);
    memory.remember(1, words(10));
    memory.remember(2, words(20));
    memory.remember(2, words(99));
    memory.remember(3, words(30));
    memory.remember(4, words(40));
    expect([1, 2, 3, 4].map((id) => memory.has(id))).toEqual([false, true, true, true]);
    expect(Array.from(memory.get(2)!)).toEqual([20]);
    expect(memory.size).toBe(3);
  });

  it('holds headlines longer than a block, and drops each block once all its headlines are forgotten', () => {
    const memory = new RememberedHeadlines(4, 8);
    expect(memory.heldWords).toBe(0);
    const long = Int32Array.from({ length: 50 }, (_unused, index) => index);
    memory.remember(1, long);
    expect(Array.from(memory.get(1)!)).toEqual(Array.from(long));
    // Nothing is held before the first headline, and then only the block made for it.
    expect(memory.heldWords).toBe(51);
    for (let id = 2; id < 200; id++) memory.remember(id, words(id, id + 1, id + 2));
    expect(memory.has(1)).toBe(false);
    expect(Array.from(memory.get(199)!)).toEqual([199, 200, 201]);
    // Four headlines of four words (count included) fit in two or three blocks of eight, however many came before.
    expect(memory.heldWords).toBeLessThanOrEqual(3 * 8);
  });

  it('keeps the newest `capacity` ids through its growth to the capacity and past it', () => {
    const memory = new RememberedHeadlines(3000);
    for (let id = 1; id <= 5000; id++) memory.remember(id, words(id, -id));
    expect(memory.size).toBe(3000);
    expect([1, 2000, 2001, 5000].map((id) => memory.has(id))).toEqual([false, false, true, true]);
    expect([2001, 3500, 5000].map((id) => Array.from(memory.get(id)!))).toEqual([[2001, -2001], [3500, -3500], [5000, -5000]]);
  });

  it('answers as a map of the last `capacity` ids remembered would, whatever the lengths and repeats', () => {
    const operation = fc.record({ id: fc.integer({ min: 1, max: 40 }), words: fc.array(fc.integer(), { maxLength: 20 }) });
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 12 }), fc.integer({ min: 1, max: 32 }), fc.array(operation, { maxLength: 200 }), (capacity, blockWords, operations) => {
        const memory = new RememberedHeadlines(capacity, blockWords);
        const model = new Map<number, number[]>();
        for (const { id, words: values } of operations) {
          memory.remember(id, Int32Array.from(values));
          if (!model.has(id)) {
            if (model.size === capacity) model.delete(model.keys().next().value!);
            model.set(id, values);
          }
          for (let probe = 1; probe <= 40; probe++) {
            const remembered = memory.get(probe);
            expect(remembered === undefined ? undefined : Array.from(remembered)).toEqual(model.get(probe));
          }
        }
        expect(memory.size).toBe(model.size);
        // Every block but the one being filled holds a remembered headline, so memory stays bounded by the capacity.
        expect(memory.heldWords).toBeLessThanOrEqual((capacity + 1) * Math.max(blockWords, 21));
      }),
      { numRuns: 300 },
    );
  });
});
