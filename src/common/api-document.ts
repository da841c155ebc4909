import type { OpenAPIObject } from '@nestjs/swagger';
import type { HeaderObject, OperationObject, ParameterObject, ReferenceObject, ResponseObject, SchemaObject } from '@nestjs/swagger';

/** Marks an operation anonymous callers may use (see OptionalAuth); replaced by an optional security requirement. */
export const PUBLIC_OPERATION_EXTENSION = 'x-wiredesk-public';
export const PROBLEM_MEDIA_TYPE = 'application/problem+json';
/** The only fractional numbers the API sends; every other number in it is an integer. */
const FRACTIONAL_PROPERTIES = new Set(['rank', 'duplicateScore', 'score']);

const RATE_LIMIT_HEADERS: Record<string, HeaderObject> = {
  'X-RateLimit-Limit': { description: 'Requests this client may make to this route per minute', schema: { type: 'integer' } },
  'X-RateLimit-Remaining': { description: 'Requests left in the current minute', schema: { type: 'integer' } },
  'X-RateLimit-Reset': { description: 'Seconds until the window frees a request', schema: { type: 'integer' } },
};

/**
 * What the decorators cannot say, applied to the whole generated document so every operation says it the
 * same way: errors are `application/problem+json`; any operation can answer 400 and 415 (checks made before
 * routing); throttled answers carry the rate-limit headers and a 429 Retry-After;
 * public reads need no credentials; numbers are integers unless they are one of the few fractional ones.
 */
export function finishApiDocument(document: OpenAPIObject, serverUrl: string): OpenAPIObject {
  document.servers = [{ url: serverUrl, description: 'This Wiredesk server' }];
  for (const item of Object.values(document.paths)) {
    for (const method of ['get', 'put', 'post', 'delete', 'patch', 'head'] as const) {
      const operation = item[method];
      if (operation) finishOperation(operation, method);
    }
  }
  for (const schema of Object.values(document.components?.schemas ?? {})) integerNumbers(schema);
  return document;
}

function finishOperation(operation: OperationObject, method: string): void {
  const extended = operation as OperationObject & Record<string, unknown>;
  if (extended[PUBLIC_OPERATION_EXTENSION]) {
    // Anonymous, or with a token or session (which then shows drafts to those who may read them).
    operation.security = [{}, { bearer: [] }, { cookie: [] }];
    delete extended[PUBLIC_OPERATION_EXTENSION];
  }
  // An operation that names no scheme (/health) takes no credentials at all.
  operation.security ??= [];
  // Refused before any route runs, so any operation can answer them: a NUL in the URL or body, JSON too deep
  // or malformed (400), a multipart body anywhere but the upload route (415).
  operation.responses['400'] ??= { description: 'The request is malformed: a NUL character, JSON that does not parse or is nested too deep' };
  operation.responses['415'] ??= { description: 'The body is in a media type this operation does not take (multipart bodies are refused before routing)' };
  if (method === 'get') {
    operation.responses['304'] ??= {
      description: 'Not modified: If-None-Match matched (`*` matches any current answer); repeats the caching headers a 200 would carry',
      headers: { 'Cache-Control': { description: 'As the 200 would say', schema: { type: 'string' } }, ETag: { description: 'As the 200 would say', schema: { type: 'string' } } },
    };
  }
  for (const parameter of operation.parameters ?? []) {
    const schema = (parameter as ParameterObject).schema as SchemaObject | undefined;
    if (schema?.type === 'number') schema.type = 'integer';
  }
  for (const [status, response] of Object.entries(operation.responses) as Array<[string, ResponseObject]>) {
    if (Number(status) >= 400) response.content = { [PROBLEM_MEDIA_TYPE]: { schema: { $ref: '#/components/schemas/ProblemView' } } };
    response.headers = { ...RATE_LIMIT_HEADERS, ...response.headers };
    if (status === '401') response.headers = { ...response.headers, 'WWW-Authenticate': { required: true, description: 'Bearer realm="wiredesk"', schema: { type: 'string' } } };
    if (status === '503') response.headers = { ...response.headers, 'Retry-After': { description: 'Seconds to wait before trying again', schema: { type: 'integer' } } };
    if (status === '429') response.headers = { ...response.headers, 'Retry-After': { required: true, description: 'Seconds to wait', schema: { type: 'integer' } } };
  }
}

function integerNumbers(schema: SchemaObject | ReferenceObject, name?: string): void {
  if ('$ref' in schema) return;
  if (schema.type === 'number' && !(name && FRACTIONAL_PROPERTIES.has(name))) schema.type = 'integer';
  if (schema.items) integerNumbers(schema.items, name);
  for (const [property, child] of Object.entries(schema.properties ?? {})) integerNumbers(child, property);
  for (const part of [...(schema.allOf ?? []), ...(schema.oneOf ?? []), ...(schema.anyOf ?? [])]) integerNumbers(part);
}
