import { slugify } from './slug';

describe('slugify', () => {
  it('makes a readable slug from an English headline', () => {
    expect(slugify('Regional Shifts Loom over Larijani’s Talks in Baghdad')).toBe('regional-shifts-loom-over-larijanis-talks-in-baghdad');
  });

  it('drops accents and punctuation', () => {
    expect(slugify('Café owners: “We’ll stay open!”')).toBe('cafe-owners-well-stay-open');
  });

  it('keeps Arabic script', () => {
    expect(slugify('القوات الأمريكية تنسحب')).toBe('القوات-الامريكية-تنسحب');
  });

  it('cuts long headlines at a word boundary', () => {
    const slug = slugify('word '.repeat(100));
    expect(slug.length).toBeLessThanOrEqual(120);
    expect(slug.endsWith('word')).toBe(true);
  });

  it('never returns an empty slug', () => {
    expect(slugify('!!!')).toBe('article');
  });
  it('never gives digits alone, which would read as an article id', () => {
    expect(slugify('2026')).toBe('article-2026');
    expect(slugify('2026: the year')).toBe('2026-the-year');
  });
});
