import { INestApplication, ValidationPipe } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { jsonBodiesOnly, sameOriginOnly } from './auth/same-origin';
import { faviconRoute } from './admin/panel-assets';
import { SessionService } from './auth/session.service';
import { trustProxySetting } from './config/environment';
import { applyHttpHardening, mountApiDocs } from './common/http-hardening';
import { requestIdMiddleware } from './common/http-logger';
import { API_UPLOAD_PATH } from './imports/dump-upload';
import { refuseStrayMultipart } from './imports/multipart-gate';

/** Everything main.ts applies to the HTTP app beyond its modules, shared with the end-to-end tests. */
export function configureApp(app: INestApplication): INestApplication {
  // The client's address (req.ip) for log-in throttling and rate limits: behind a reverse proxy, from X-Forwarded-For.
  (app as NestExpressApplication).set('trust proxy', trustProxySetting(app.get(ConfigService).get<string>('TRUST_PROXY')));
  app.use(requestIdMiddleware);
  app.use(faviconRoute());
  app.use(refuseStrayMultipart([API_UPLOAD_PATH]));
  // Before any body is read: cross-site state changes with the session cookie, and form bodies on the JSON API.
  app.use(sameOriginOnly());
  app.use(jsonBodiesOnly('/api/'));
  applyHttpHardening(app);
  // Panel sessions for the panel and for any request carrying the session cookie (the API's actor guard
  // reads `req.session.adminUser`); AdminJS's router runs its own instance with the same store, secret and cookie.
  app.use(app.get(SessionService).middleware());
  app.useGlobalPipes(
    new ValidationPipe({
      whitelist: true,
      forbidNonWhitelisted: true,
      transform: true,
    }),
  );
  mountApiDocs(app);
  return app;
}
