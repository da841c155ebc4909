import { INestApplication, ValidationPipe } from '@nestjs/common';
import { SessionService } from './auth/session.service';
import { applyHttpHardening, mountApiDocs } from './common/http-hardening';
import { requestIdMiddleware } from './common/http-logger';
import { API_UPLOAD_PATH } from './imports/dump-upload';
import { refuseStrayMultipart } from './imports/multipart-gate';
import { PHOTO_IMAGE_UPLOAD_ROUTE } from './photos/photo-images.controller';

/** Everything main.ts applies to the HTTP app beyond its modules, shared with the end-to-end tests. */
export function configureApp(app: INestApplication): INestApplication {
  app.use(requestIdMiddleware);
  app.use(refuseStrayMultipart([API_UPLOAD_PATH], [PHOTO_IMAGE_UPLOAD_ROUTE]));
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
