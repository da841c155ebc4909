import { dirname } from 'node:path';
import express, { type RequestHandler, type Router } from 'express';

/**
 * Wiredesk's icon (32×32, a white W on the desk's blue), as an ICO holding one PNG: small enough to live in
 * the code, so the Docker image (dist/ without src/) serves it too.
 */
export const FAVICON = Buffer.from('AAABAAEAICAAAAEAIACFAAAAFgAAAIlQTkcNChoKAAAADUlIRFIAAAAgAAAAIAgGAAAAc3p69AAAAExJREFUeNpjkLeK/z+QmGHUAaMOGHXAoHQAMqDEcGLMGXXAqAOGrgOopWbUASQ5gFriow4gyQGkZklS9Y46YLRBMuqAUQeMOmDAHQAAWVYO3FZP3KkAAAAASUVORK5CYII=', 'base64');

/** The font weights AdminJS's pages use, from the `@fontsource/roboto` package instead of an outside font service. */
const ROBOTO_WEIGHTS = [300, 400, 500, 700];
export const FONTS_PATH = '/fonts/roboto';
const ROBOTO_DIR = dirname(require.resolve('@fontsource/roboto/package.json'));
const OUTSIDE_FONTS = /<link rel="stylesheet" href="https:\/\/fonts\.googleapis\.com\/css\?family=Roboto:[^"]*" type="text\/css">/;

/** Serves the icon at /favicon.ico (browsers ask there whatever the page says). */
export function faviconRoute(): RequestHandler {
  return (request, response, next) => {
    if (request.path !== '/favicon.ico' || (request.method !== 'GET' && request.method !== 'HEAD')) return next();
    response.type('image/x-icon').setHeader('Cache-Control', 'public, max-age=86400');
    response.send(FAVICON);
  };
}

/** The Roboto CSS and font files, under the panel (`<root>/fonts/roboto/…`), cached for a day. */
export function fontsRouter(): Router {
  const router = express.Router();
  router.use(FONTS_PATH, express.static(ROBOTO_DIR, { index: false, maxAge: '1d', fallthrough: false, extensions: false }));
  return router;
}

/**
 * AdminJS's page templates (log-in and the panel's layout) link Roboto from an outside font service: offline
 * the panel then waits on it, and online it tells that service who opens the panel. This swaps the link for
 * Wiredesk's own copy, in every HTML page the panel sends.
 */
export function selfHostedFonts(rootPath: string): RequestHandler {
  const links = ROBOTO_WEIGHTS.map((weight) => `<link rel="stylesheet" href="${rootPath}${FONTS_PATH}/${weight}.css" type="text/css">`).join('\n');
  return (request, response, next) => {
    if (request.method !== 'GET') return next();
    const send = response.send.bind(response);
    response.send = (body?: unknown) => send(typeof body === 'string' && OUTSIDE_FONTS.test(body) ? body.replace(OUTSIDE_FONTS, links) : body);
    next();
  };
}
