import { createHash } from 'node:crypto';
import type { Request, Response } from 'express';

/**
 * Sends `body` as JSON with a strong ETag over its exact bytes, answering 304 when the client already
 * holds them. Public copy may be cached by anyone for a minute; anything read with credentials is private.
 */
export function sendCacheable(request: Request, response: Response, body: unknown, options: { shared: boolean; contentType?: string }): void {
  const json = JSON.stringify(body);
  const etag = `"${createHash('sha256').update(json).digest('base64url').slice(0, 27)}"`;
  response.setHeader('ETag', etag);
  response.setHeader('Cache-Control', options.shared ? 'public, max-age=60' : 'private, no-cache');
  response.setHeader('Vary', 'Accept, Authorization, Cookie');
  if (matchesAny(request.headers['if-none-match'], etag)) {
    response.status(304).end();
    return;
  }
  response.status(200).type(options.contentType ?? 'application/json').send(json);
}

function matchesAny(header: string | undefined, etag: string): boolean {
  if (!header) return false;
  if (header.trim() === '*') return true;
  return header.split(',').some((candidate) => candidate.trim().replace(/^W\//, '') === etag);
}

/** The version named by `If-Match: "<version>"` (weak or strong), `undefined` when absent. */
export function versionFromIfMatch(header: string | undefined): number | undefined | 'invalid' {
  if (header === undefined) return undefined;
  const match = /^\s*(?:W\/)?"?(\d{1,9})"?\s*$/.exec(header);
  return match ? Number(match[1]) : 'invalid';
}
