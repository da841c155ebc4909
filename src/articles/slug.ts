const MAX_SLUG_LENGTH = 120;

/**
 * A URL slug from a headline: lower-case words joined by hyphens. Letters of every script are kept
 * (Arabic headlines get Arabic slugs) so that no headline produces an empty slug, nor one of digits alone.
 */
export function slugify(headline: string): string {
  const slug = headline
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .replace(/['’‘`]/g, '')
    .replace(/[^\p{L}\p{N}]+/gu, '-')
    .replace(/^-+|-+$/g, '');
  const trimmed = slug.length > MAX_SLUG_LENGTH ? slug.slice(0, MAX_SLUG_LENGTH).replace(/-[^-]*$/, '') : slug;
  if (!trimmed) return 'article';
  // Digits alone would read as an article id in /api/articles/{id}, one URL meaning two articles.
  return /^[0-9]+$/.test(trimmed) ? `article-${trimmed}` : trimmed;
}
