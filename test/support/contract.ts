import type { INestApplication } from '@nestjs/common';
import Ajv, { ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import type { NextFunction, Request, Response } from 'express';
import request from 'supertest';

/** One response as the server sent it. */
export interface RecordedResponse {
  method: string;
  path: string;
  status: number;
  headers: Record<string, string | string[] | number | undefined>;
  body: string;
}

type Schema = Record<string, unknown>;
interface DocumentedResponse {
  headers?: Record<string, { required?: boolean; schema?: Schema }>;
  content?: Record<string, { schema?: Schema }>;
}
interface OpenApiDocument {
  paths: Record<string, Record<string, { responses: Record<string, DocumentedResponse> }>>;
  components: { schemas: Record<string, Schema> };
  'x-webhooks'?: Record<string, { post: { parameters: Array<{ name: string; in: string; required?: boolean }>; requestBody: { content: Record<string, { schema: Schema }> } } }>;
}

/** Response headers a client relies on; when the server sends one, the document must name it for that response. */
const NOTABLE_HEADERS = ['etag', 'cache-control', 'location', 'retry-after', 'www-authenticate', 'surrogate-key', 'cache-tag', 'x-ratelimit-limit', 'x-ratelimit-remaining', 'x-ratelimit-reset'];
/** What a URL no route has can get: 404, or a refusal made before routing (400 for a NUL or JSON too deep, 415 for multipart). */
const UNROUTED_STATUSES = new Set([400, 404, 415]);

/**
 * Records every response an app sends, then checks each one against the app's own OpenAPI document
 * (/docs-json): the status is documented for the operation, the content type is one the operation lists
 * (errors as application/problem+json), documented required headers are present and notable headers sent
 * are documented, and the body validates against the schema (ajv). An undocumented response is a failure.
 */
export class ContractRecorder {
  readonly responses: RecordedResponse[] = [];

  readonly middleware = (req: Request, res: Response, next: NextFunction): void => {
    const chunks: Buffer[] = [];
    const write = res.write.bind(res) as (...args: unknown[]) => boolean;
    const end = res.end.bind(res) as (...args: unknown[]) => Response;
    const keep = (chunk: unknown, encoding?: unknown) => {
      if (chunk === undefined || chunk === null || typeof chunk === 'function') return;
      chunks.push(Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk as string, typeof encoding === 'string' ? (encoding as BufferEncoding) : 'utf8'));
    };
    res.write = ((chunk: unknown, ...rest: unknown[]) => {
      keep(chunk, rest[0]);
      return write(chunk, ...rest);
    }) as Response['write'];
    res.end = ((chunk?: unknown, ...rest: unknown[]) => {
      keep(chunk, rest[0]);
      return end(chunk, ...rest);
    }) as Response['end'];
    res.on('finish', () => {
      this.responses.push({
        method: req.method.toLowerCase(),
        path: req.originalUrl.split('?')[0],
        status: res.statusCode,
        headers: res.getHeaders() as RecordedResponse['headers'],
        body: Buffer.concat(chunks).toString('utf8'),
      });
    });
    next();
  };

  /** Every contract violation among the API responses recorded so far, one line each. */
  async violations(app: INestApplication): Promise<string[]> {
    // CORS preflights (OPTIONS) are the CORS middleware's, outside what an OpenAPI document describes.
    const api = this.responses.filter((response) => response.path.startsWith('/api/') && response.method !== 'options');
    if (api.length === 0) return [];
    const document: OpenApiDocument = (await request(app.getHttpServer()).get('/docs-json')).body;
    const checker = new ContractChecker(document);
    return api.flatMap((response) => checker.check(response).map((problem) => `${response.method.toUpperCase()} ${response.path} → ${response.status}: ${problem}`));
  }
}

export class ContractChecker {
  private readonly ajv: Ajv;
  private readonly compiled = new Map<Schema, ValidateFunction>();
  private readonly templates: Array<{ pattern: RegExp; path: string }>;

  constructor(private readonly document: OpenApiDocument) {
    this.ajv = new Ajv({ strict: false, allErrors: false });
    addFormats(this.ajv);
    this.ajv.addSchema({ $id: 'wiredesk:components', definitions: toJsonSchema(document.components?.schemas ?? {}) });
    this.templates = Object.keys(document.paths).map((path) => ({
      path,
      pattern: new RegExp(`^${path.replace(/[.*+?^$()|[\]\\]/g, '\\$&').replace(/\{[^}]+\}/g, '[^/]*')}$`),
    }));
  }

  check(response: RecordedResponse): string[] {
    // Express routes "/api/imports/" as "/api/imports"; a path without parameters wins over a template.
    const path = response.path.length > 1 ? response.path.replace(/\/+$/, '') : response.path;
    const template = this.templates.find((candidate) => candidate.path === path) ?? this.templates.find(({ pattern }) => pattern.test(path));
    // HEAD is GET without the body (RFC 9110 §9.3.2); the document describes GET.
    const method = response.method === 'head' ? 'get' : response.method;
    const operation = template ? this.document.paths[template.path][method] : undefined;
    if (!operation) {
      if (UNROUTED_STATUSES.has(response.status) && isProblem(response)) return [];
      return [`no operation ${response.method.toUpperCase()} ${template?.path ?? response.path} in the document`];
    }
    const documented = operation.responses[String(response.status)] ?? operation.responses[`${String(response.status)[0]}XX`] ?? operation.responses.default;
    if (!documented) return [`status ${response.status} is not documented (documented: ${Object.keys(operation.responses).join(', ')})`];
    const problems: string[] = [];
    for (const [name, header] of Object.entries(documented.headers ?? {})) {
      if (header.required && response.headers[name.toLowerCase()] === undefined) problems.push(`required header ${name} missing`);
    }
    const documentedHeaders = new Set(Object.keys(documented.headers ?? {}).map((name) => name.toLowerCase()));
    for (const name of NOTABLE_HEADERS) {
      // An error may say "do not cache me" without the document promising it.
      if (name === 'cache-control' && response.status >= 400) continue;
      if (response.headers[name] !== undefined && !documentedHeaders.has(name)) problems.push(`header ${name} is sent but not documented`);
    }
    const hasBody = response.body.length > 0 && response.method !== 'head';
    if (!hasBody) {
      const bodiless = response.status === 304 || response.method === 'head';
      if (documented.content && Object.keys(documented.content).length > 0 && !bodiless) problems.push('no body, though the document describes one');
      return problems;
    }
    const mediaType = String(response.headers['content-type'] ?? '').split(';')[0].trim();
    const content = documented.content?.[mediaType];
    if (!content) {
      problems.push(`content type ${mediaType || '(none)'} is not documented (documented: ${Object.keys(documented.content ?? {}).join(', ') || 'no body'})`);
      return problems;
    }
    if (content.schema && /json/.test(mediaType)) {
      let body: unknown;
      try {
        body = JSON.parse(response.body);
      } catch {
        return [...problems, 'the body is not JSON'];
      }
      const validate = this.validator(content.schema);
      if (!validate(body)) problems.push(`body fails its schema: ${this.ajv.errorsText(validate.errors?.slice(0, 3))}`);
    }
    return problems;
  }

  /** A webhook delivery as a receiver got it, against the document's `x-webhooks` entry for its event. */
  checkWebhook(headers: Record<string, string | string[] | undefined>, body: string): string[] {
    const event = String(headers['x-wiredesk-event']);
    const documented = this.document['x-webhooks']?.[event]?.post;
    if (!documented) return [`no x-webhooks entry for ${event}`];
    const problems = documented.parameters
      .filter((parameter) => parameter.in === 'header' && parameter.required && headers[parameter.name.toLowerCase()] === undefined)
      .map((parameter) => `${event}: required header ${parameter.name} missing`);
    const validate = this.validator(documented.requestBody.content['application/json']!.schema);
    if (!validate(JSON.parse(body))) problems.push(`${event}: body fails its schema: ${this.ajv.errorsText(validate.errors?.slice(0, 3))}`);
    return problems;
  }

  private validator(schema: Schema): ValidateFunction {
    let validate = this.compiled.get(schema);
    if (!validate) {
      validate = this.ajv.compile(toJsonSchema(schema) as Schema);
      this.compiled.set(schema, validate);
    }
    return validate;
  }
}

function isProblem(response: RecordedResponse): boolean {
  return String(response.headers['content-type'] ?? '').startsWith('application/problem+json');
}

/** OpenAPI 3.0 schema → JSON Schema: `nullable` becomes a null alternative, component refs point into one shared schema. */
function toJsonSchema(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(toJsonSchema);
  if (typeof value !== 'object' || value === null) return value;
  const { nullable, ...rest } = value as Record<string, unknown>;
  const converted: Record<string, unknown> = {};
  for (const [key, child] of Object.entries(rest)) {
    if (key === '$ref' && typeof child === 'string') converted.$ref = child.replace('#/components/schemas/', 'wiredesk:components#/definitions/');
    else if (key === 'properties' && typeof child === 'object' && child !== null) {
      converted.properties = Object.fromEntries(Object.entries(child).map(([name, property]) => [name, toJsonSchema(property)]));
    } else if (key === 'example' || key === 'examples') continue;
    else converted[key] = toJsonSchema(child);
  }
  return nullable === true ? { anyOf: [converted, { type: 'null' }] } : converted;
}
