import { normaliseLine } from './lines';

describe('normaliseLine', () => {
  // The canonical form as first defined; lines already stored were made with it.
  const canonical = (raw: string) => raw.replace(/\ufeff/g, '').replace(/[\u00a0\u2007\u202f]/g, ' ').normalize('NFC').trim();

  it('gives the canonical form for every BMP character, whether or not the line takes the trimming-only path', () => {
    const differing: string[] = [];
    for (let code = 0; code <= 0xffff; code++) {
      const character = String.fromCharCode(code);
      for (const raw of [character, ` a${character}b `]) if (normaliseLine(raw) !== canonical(raw)) differing.push(code.toString(16));
    }
    expect(differing).toEqual([]);
  });

  it('rewrites space lookalikes and byte order marks, composes and trims', () => {
    expect(normaliseLine('\ufeff\u00a0Cafe\u0301\u2007talks\u202fend\u00a0 ')).toBe('Café talks end');
    expect(normaliseLine('  plain line  ')).toBe('plain line');
  });
});
