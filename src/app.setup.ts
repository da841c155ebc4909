import { INestApplication, ValidationPipe } from '@nestjs/common';

/** Everything main.ts applies to the HTTP app beyond its modules, shared with the end-to-end tests. */
export function configureApp(app: INestApplication): INestApplication {
  app.useGlobalPipes(
    new ValidationPipe({
      whitelist: true,
      forbidNonWhitelisted: true,
      transform: true,
    }),
  );
  app.enableShutdownHooks();
  return app;
}
