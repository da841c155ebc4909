import type { INestApplication } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { DocumentBuilder, OpenAPIObject, SwaggerModule } from '@nestjs/swagger';
import type { NextFunction, Request, Response } from 'express';
import helmet from 'helmet';
import { finishApiDocument } from './api-document';
import { WEBHOOK_PAYLOADS, webhookPathItems } from '../webhooks/dto/webhook-payload.view';
import { refuseUnstorableInput } from './request-hygiene';

/** JSON and form bodies larger than this are refused with 413 before any handler runs. */
export const MAX_BODY_SIZE = '1mb';

/**
 * Security headers (strict CSP for the API; the admin panel and Swagger UI render their own inline
 * scripts and styles, so they get the other headers without CSP), CORS for the configured origins only,
 * and bounded request bodies.
 */
export function applyHttpHardening(app: INestApplication): void {
  const strict = helmet();
  const relaxed = helmet({ contentSecurityPolicy: false });
  app.use((request: Request, response: Response, next: NextFunction) =>
    (/^\/(admin|docs)(\/|$)/.test(request.path) ? relaxed : strict)(request, response, next),
  );

  const origins = app.get(ConfigService).get<string>('CORS_ORIGINS');
  if (origins) {
    app.enableCors({
      origin: origins.trim() === '*' ? '*' : origins.split(',').map((origin) => origin.trim()),
      methods: ['GET', 'HEAD', 'POST', 'PATCH', 'DELETE'],
      allowedHeaders: ['Authorization', 'Content-Type', 'If-Match', 'If-None-Match', 'X-Request-Id'],
      exposedHeaders: ['ETag', 'Retry-After', 'X-Request-Id'],
      maxAge: 600,
    });
  }

  const express = app as NestExpressApplication;
  // Express would tag every JSON answer (errors included) with a weak ETag of its own; Wiredesk sends strong
  // ones where they mean something: cacheable reads and article writes.
  express.set('etag', false);
  express.useBodyParser('json', { limit: MAX_BODY_SIZE });
  express.useBodyParser('urlencoded', { limit: MAX_BODY_SIZE, extended: true });
  app.use(refuseUnstorableInput);
}

/** OpenAPI document at /docs-json and Swagger UI at /docs, generated from the controllers and DTOs. */
export function mountApiDocs(app: INestApplication): void {
  SwaggerModule.setup('docs', app, () => buildApiDocument(app), { jsonDocumentUrl: 'docs-json' });
}

/** The API's OpenAPI 3.0 document, as /docs-json serves it (and `npm run openapi:update` writes it to docs/openapi.json). */
export function buildApiDocument(app: INestApplication): OpenAPIObject {
  const config = new DocumentBuilder()
    .setTitle('Wiredesk Publishing API')
    .setDescription(
      [
        'Published wire copy for websites and apps, and a management API for automation.',
        '',
        'Public reads need no credentials and only ever show published articles. Everything else needs',
        '`Authorization: Bearer <token>` with the right scope (content:read, content:write, content:publish,',
        'imports:write, integrations:manage) or a signed-in admin-panel session. Every error is RFC 9457 problem JSON.',
      ].join('\n'),
    )
    .setVersion('1')
    .addBearerAuth({ type: 'http', scheme: 'bearer', bearerFormat: 'opaque', description: 'API token (wd_…) from `npm run cli -- token:create` or POST /api/tokens' }, 'bearer')
    .addCookieAuth('wiredesk.sid', { type: 'apiKey', in: 'cookie', description: 'Admin-panel session' }, 'cookie')
    .build();
  const serverUrl = app.get(ConfigService).get<string>('PUBLIC_BASE_URL') ?? '/';
  const document = finishApiDocument(SwaggerModule.createDocument(app, config, { extraModels: Object.values(WEBHOOK_PAYLOADS) }), serverUrl);
  return Object.assign(document, { 'x-webhooks': webhookPathItems() });
}
