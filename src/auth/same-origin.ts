import type { NextFunction, Request, RequestHandler, Response } from 'express';
import { sendProblem } from '../common/problem-details.filter';
import { AuthError, AuthErrorCode } from './auth-error';
import { SESSION_COOKIE_NAME } from './session.service';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);
const SESSION_COOKIE = new RegExp(`(?:^|;)\\s*${SESSION_COOKIE_NAME.replace('.', '\\.')}=`);

/** The host (and port) the request was sent to, as the browser saw it: behind a trusted proxy, X-Forwarded-Host. */
function requestHost(request: Request): string | undefined {
  const forwarded = request.app.get('trust proxy fn')?.(request.socket.remoteAddress, 0) ? request.headers['x-forwarded-host'] : undefined;
  const host = (typeof forwarded === 'string' ? forwarded.split(',')[0] : request.headers.host)?.trim().toLowerCase();
  return host || undefined;
}

function originHost(origin: string): string | undefined {
  try {
    return new URL(origin).host.toLowerCase();
  } catch {
    return undefined;
  }
}

/**
 * Why a request must not change anything, or `null` when it may. Only requests that change state and carry
 * the session cookie are checked (a cross-site form can send the cookie, never an API token). The browser
 * says where the request came from: `Sec-Fetch-Site` (same-origin, or none for one the user typed) when it
 * sends it, else `Origin`, which must name this host. A request with neither came from no browser, so from
 * no other site.
 */
export function crossSiteReason(request: Request): string | null {
  if (SAFE_METHODS.has(request.method) || !SESSION_COOKIE.test(request.headers.cookie ?? '')) return null;
  const fetchSite = request.headers['sec-fetch-site'];
  if (typeof fetchSite === 'string')
    return fetchSite === 'same-origin' || fetchSite === 'none' ? null : `it was sent from another site (Sec-Fetch-Site: ${fetchSite})`;
  const origin = request.headers.origin;
  if (origin === undefined) return null;
  const host = requestHost(request);
  return host !== undefined && originHost(origin) === host ? null : `it was sent from ${origin}, not from this site`;
}

/** Refuses (403) a cookie-authenticated state-changing request that another origin sent: the CSRF check for /admin and /api. */
export function sameOriginOnly(): RequestHandler {
  return (request: Request, response: Response, next: NextFunction) => {
    const reason = crossSiteReason(request);
    if (reason === null) return next();
    response.setHeader('Connection', 'close');
    sendProblem(request, response, new AuthError(AuthErrorCode.CrossSiteRequest, `${request.method} ${request.path} was refused: ${reason}`));
  };
}

const FORM_TYPES = /^\s*(application\/x-www-form-urlencoded|text\/plain)\s*(;|$)/i;

/**
 * The JSON API takes JSON (and, on its upload route, multipart): a form-encoded or text/plain body, which is
 * what an HTML form on another site can send without asking, is refused with 415 before it is read.
 */
export function jsonBodiesOnly(prefix: string): RequestHandler {
  return (request: Request, response: Response, next: NextFunction) => {
    if (!request.path.startsWith(prefix) || !FORM_TYPES.test(request.headers['content-type'] ?? '')) return next();
    response.setHeader('Connection', 'close');
    sendProblem(
      request,
      response,
      new AuthError(AuthErrorCode.FormBodyRefused, `${request.method} ${request.path} takes a JSON body (Content-Type: application/json)`),
    );
  };
}
