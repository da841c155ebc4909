/** Published articles `bench:api` seeds, named story-1 … story-N. */
export const SEEDED_ARTICLES = 10_000;
