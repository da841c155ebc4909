import { INestApplication, ValidationPipe } from '@nestjs/common';
import { applyHttpHardening, mountApiDocs } from './common/http-hardening';

/** Everything main.ts applies to the HTTP app beyond its modules, shared with the end-to-end tests. */
export function configureApp(app: INestApplication): INestApplication {
  applyHttpHardening(app);
  app.useGlobalPipes(
    new ValidationPipe({
      whitelist: true,
      forbidNonWhitelisted: true,
      transform: true,
    }),
  );
  mountApiDocs(app);
  app.enableShutdownHooks();
  return app;
}
