import { applyDecorators, Type } from '@nestjs/common';
import { ApiExtraModels, ApiHeader, ApiResponse, getSchemaPath } from '@nestjs/swagger';
import type { HeaderObject, SchemaObject } from '@nestjs/swagger';

export const ETAG_HEADER: HeaderObject = {
  required: true,
  description: 'Strong validator of these exact bytes; send it back as If-None-Match (reads) or If-Match (writes to an article)',
  schema: { type: 'string', example: '"Zp3Vq2kq0Qh0bq1Qy8m0mC8pU3c"' },
};
const CACHE_CONTROL_HEADER: HeaderObject = {
  required: true,
  description: 'public (anonymous reads, shared caches may keep it) or private, no-cache (reads with credentials)',
  schema: { type: 'string', example: 'public, max-age=60, stale-while-revalidate=60' },
};

/** Anonymous answers only: the keys a CDN purges them by (every article.* webhook lists the keys to purge). */
const SURROGATE_KEY_HEADERS: Record<string, HeaderObject> = {
  'Surrogate-Key': { description: 'Space-separated CDN keys: article-<id>, author-<id> for its writers and photographers, articles for any list', schema: { type: 'string', example: 'article-42 author-12 author-31' } },
  'Cache-Tag': { description: 'The same keys, comma-separated', schema: { type: 'string', example: 'article-42,author-12,author-31' } },
};

/**
 * A read answered through sendCacheable: 200 with ETag and Cache-Control, in JSON or (when `ninjs` is given)
 * in ninjs for `?format=ninjs` / `Accept: application/ninjs+json`; 304 to a matching If-None-Match.
 */
export function ApiCacheableRead(json: Type<unknown>, ninjs?: SchemaObject, extraHeaders: Record<string, HeaderObject> = {}): MethodDecorator {
  const headers = { ETag: ETAG_HEADER, 'Cache-Control': CACHE_CONTROL_HEADER, ...SURROGATE_KEY_HEADERS, ...extraHeaders };
  return applyDecorators(
    ApiHeader({ name: 'If-None-Match', required: false, description: 'The ETag of the copy you hold: 304 when it is still current' }),
    ApiExtraModels(json),
    ApiResponse({
      status: 200,
      description: ninjs ? 'JSON, or IPTC ninjs 3.1 when asked for' : 'JSON',
      headers,
      content: {
        'application/json': { schema: { $ref: getSchemaPath(json) } },
        ...(ninjs ? { 'application/ninjs+json': { schema: ninjs } } : {}),
      },
    }),
    ApiResponse({ status: 304, description: 'Not modified: the If-None-Match named these bytes', headers }),
  );
}

/** 201 with the new resource and its address in Location. */
export function ApiCreated(type: Type<unknown>, location: string, extraHeaders: Record<string, HeaderObject> = {}): MethodDecorator {
  return ApiResponse({
    status: 201,
    type,
    description: 'Created',
    headers: { Location: { required: true, description: 'Where the new resource lives', schema: { type: 'string', example: location } }, ...extraHeaders },
  });
}
