import { SEEDED_ARTICLES } from './api-seed-size';

/**
 * autocannon `setupRequest` for the long-tail phase of `bench:api`: each request asks for one of the
 * seeded articles at random, so almost none is a repeat. autocannon's worker `require`s this file and
 * calls what it exports, hence `export =`.
 */
function randomArticleRequest<T extends { path?: string }>(request: T): T {
  request.path = `/api/articles/story-${1 + Math.floor(Math.random() * SEEDED_ARTICLES)}`;
  return request;
}

export = randomArticleRequest;
