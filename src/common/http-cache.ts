import { hash } from 'node:crypto';
import type { Request, Response } from 'express';

/**
 * Anonymous reads: any cache may keep them a minute, and (a CDN, a browser) keep serving them for another
 * minute while it fetches the new copy in the background, so a hot story never waits on the origin.
 */
export const PUBLIC_CACHE_CONTROL = 'public, max-age=60, stale-while-revalidate=60';

/**
 * Sends `body` as JSON with a strong ETag over its exact bytes, answering 304 when the client already
 * holds them. Public copy may be cached by anyone for a minute; anything read with credentials is private.
 */
export function sendCacheable(request: Request, response: Response, body: unknown, options: { shared: boolean; contentType?: string; surrogateKeys?: readonly string[] }): void {
  const { json, etag } = serialise(body);
  response.setHeader('ETag', etag);
  response.setHeader('Cache-Control', options.shared ? PUBLIC_CACHE_CONTROL : 'private, no-cache');
  if (options.shared && options.surrogateKeys?.length) {
    // What a CDN tags the copy with, so one purge (the keys every article.* webhook carries) drops exactly it:
    // Surrogate-Key for Fastly and Varnish, Cache-Tag for Cloudflare and others.
    const keys = [...new Set(options.surrogateKeys)];
    response.setHeader('Surrogate-Key', keys.join(' '));
    response.setHeader('Cache-Tag', keys.join(','));
  }
  response.setHeader('Vary', 'Accept, Authorization, Cookie');
  if (matchesAny(request.headers['if-none-match'], etag)) {
    response.status(304).end();
    return;
  }
  // Straight to Node as a string, which it sends in the same chunk as the headers; Express's send would
  // first copy it into a Buffer, written apart from them. Node omits the body for HEAD.
  response.statusCode = 200;
  response.setHeader('Content-Type', `${options.contentType ?? 'application/json'}; charset=utf-8`);
  response.setHeader('Content-Length', Buffer.byteLength(json));
  response.end(json);
}

/** Bytes and ETag of frozen bodies (shared answers from the public content cache), computed once per body. */
const serialisedFrozenBodies = new WeakMap<object, { json: string; etag: string }>();

/** A body's JSON and strong ETag; for a frozen body computed once, whoever asks first (the cache sizing it, or a response). */
export function serialise(body: unknown): { json: string; etag: string } {
  const frozen = typeof body === 'object' && body !== null && Object.isFrozen(body);
  const known = frozen ? serialisedFrozenBodies.get(body) : undefined;
  if (known) return known;
  const json = JSON.stringify(body);
  const serialised = { json, etag: `"${hash('sha256', json, 'base64url').slice(0, 27)}"` };
  if (frozen) serialisedFrozenBodies.set(body, serialised);
  return serialised;
}

function matchesAny(header: string | undefined, etag: string): boolean {
  if (!header) return false;
  if (header.trim() === '*') return true;
  return header.split(',').some((candidate) => candidate.trim().replace(/^W\//, '') === etag);
}

/** The version named by `If-Match: "<version>"` (never a weak tag: those do not match writes), `undefined` when absent. */
export function versionFromIfMatch(header: string | undefined): number | undefined | 'invalid' {
  if (header === undefined) return undefined;
  const match = /^\s*"?(\d{1,9})"?\s*$/.exec(header);
  return match ? Number(match[1]) : 'invalid';
}

/** The CDN key of every list-like public answer (lists, searches, author pages): any publish, unpublish or edit may change them. */
export const LIST_SURROGATE_KEY = 'articles';

export function articleSurrogateKey(id: number): string {
  return `article-${id}`;
}

export function authorSurrogateKey(id: number): string {
  return `author-${id}`;
}

export function sectionSurrogateKey(id: number): string {
  return `section-${id}`;
}
