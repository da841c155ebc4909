import type { Express, NextFunction, Request, RequestHandler, Response } from 'express';
import session, { SessionOptions } from 'express-session';
import helmet from 'helmet';
import { sameOriginOnly } from '../auth/same-origin';
import { fontsRouter, selfHostedFonts } from './panel-assets';
import type { UsersService } from '../auth/users.service';

/**
 * Keeps a panel session in step with its account, once per panel request (one primary-key lookup): a
 * disabled or deleted account's session is replaced by an empty one, so AdminJS sends it to the log-in
 * page; a changed role or email replaces the session's copy, so the panel shows and allows the new role
 * from the next request on.
 */
export function accountCheck(users: UsersService): RequestHandler {
  return (request, _response, next) => {
    const signedIn = request.session?.adminUser;
    if (!signedIn) return next();
    users.findById(Number(signedIn.id)).then((user) => {
      if (!user || user.disabled) return request.session.regenerate(next);
      if (user.role !== signedIn.role) {
        // New powers get a new session id: a copy of the old cookie (however it got out) keeps the old role's nothing.
        return request.session.regenerate((error) => {
          if (!error) request.session.adminUser = { id: user.id, email: user.email, role: user.role };
          next(error);
        });
      }
      if (user.email !== signedIn.email) request.session.adminUser = { ...signedIn, email: user.email };
      next();
    }, next);
  };
}

/**
 * Log-out is a POST (so no link or image on another site can log anyone out; the same-origin check covers it
 * like every other POST). A GET of the log-out path, where AdminJS's menu points, shows the button that sends it.
 */
export function panelLogout(logoutPath: string, loginPath: string): RequestHandler {
  const page = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Log out · Wiredesk</title><link rel="icon" href="/favicon.ico"></head>
<body style="font-family: sans-serif; margin: 4rem auto; max-width: 28rem">
<h1>Log out of Wiredesk?</h1>
<form method="post" action="${logoutPath}"><button type="submit" data-testid="logout">Log out</button></form>
</body></html>`;
  return (request, response, next) => {
    if (request.originalUrl.split('?')[0].replace(/\/+$/, '') !== logoutPath) return next();
    if (request.method === 'GET' || request.method === 'HEAD') {
      response.type('html').setHeader('Cache-Control', 'no-store');
      return void response.send(page);
    }
    if (request.method !== 'POST') return next();
    const done = () => response.redirect(303, loginPath);
    if (!request.session) return done();
    request.session.destroy(done);
  };
}

/** Runs handlers one after another as one middleware; the first error stops the chain. */
function inSequence(name: string, handlers: RequestHandler[]): RequestHandler {
  const sequence = (request: Request, response: Response, next: NextFunction) => {
    const run = (index: number, error?: unknown): void => {
      if (error || index === handlers.length) return next(error);
      handlers[index](request, response, (nextError?: unknown) => run(index + 1, nextError));
    };
    run(0);
  };
  Object.defineProperty(sequence, 'name', { value: name });
  return sequence;
}

/**
 * @adminjs/nestjs's ExpressLoader moves the panel's router (the layer named `admin`) right after Express's
 * own init, ahead of everything `configureApp` installs, helmet included. This puts, in front of it:
 * helmet's headers (without a CSP: AdminJS renders inline scripts and styles), Roboto served by Wiredesk (and
 * swapped into AdminJS's pages for the outside font service's link), the same-origin (CSRF) check, the session (the same
 * options as the panel's router, whose own session middleware then finds it loaded), the account check, log-out
 * as a POST, and `bodyGate`, which decides which bodies are read at all (see panel-uploads.ts).
 */
export function guardPanelRouter(
  app: Express,
  paths: { rootPath: string; loginPath: string; logoutPath: string },
  sessionOptions: SessionOptions,
  users: UsersService,
  bodyGate: RequestHandler,
): void {
  app.disable('x-powered-by');
  const stack = (app as unknown as { router: { stack: Array<{ name: string }> } }).router.stack;
  const { rootPath, loginPath, logoutPath } = paths;
  app.use(
    rootPath,
    inSequence('adminGuard', [
      helmet({ contentSecurityPolicy: false }),
      fontsRouter(),
      selfHostedFonts(rootPath),
      sameOriginOnly(),
      session(sessionOptions),
      accountCheck(users),
      panelLogout(logoutPath, loginPath),
      bodyGate,
    ]),
  );
  const guard = stack.pop()!;
  const adminIndex = stack.findIndex((layer) => layer.name === 'admin');
  if (adminIndex < 0) throw new Error('the AdminJS router is not mounted: cannot guard it');
  stack.splice(adminIndex, 0, guard);
}
