import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Params } from 'nestjs-pino';

const REQUEST_ID_HEADER = 'x-request-id';
const ACCEPTABLE_REQUEST_ID = /^[\w.:-]{1,100}$/;

/**
 * The request's id: the caller's X-Request-Id when it is sane, else a new UUID, echoed back so a client's
 * report can be matched to the log. Assigned once (`request.id`), before logging, so every request has one
 * whether or not it is logged.
 */
export function assignRequestId(request: IncomingMessage, response: ServerResponse): string {
  if (typeof request.id === 'string') return request.id;
  const offered = request.headers[REQUEST_ID_HEADER];
  const id = typeof offered === 'string' && ACCEPTABLE_REQUEST_ID.test(offered) ? offered : randomUUID();
  response.setHeader('X-Request-Id', id);
  request.id = id;
  return id;
}

/** Middleware form of {@link assignRequestId}, mounted first so ids exist even where requests are not logged. */
export function requestIdMiddleware(request: IncomingMessage, response: ServerResponse, next: () => void): void {
  assignRequestId(request, response);
  next();
}

/**
 * Structured JSON logs, one line per request, each with its request id. Silent under test: then the
 * per-request logging middleware is not mounted at all (it would build a child logger and serialise every
 * request for nothing); request ids still come from {@link requestIdMiddleware}.
 */
export function httpLoggerOptions(nodeEnv: string | undefined): Params {
  const silent = nodeEnv === 'test';
  return {
    pinoHttp: {
      level: silent ? 'silent' : 'info',
      genReqId: assignRequestId,
      // Tokens and session cookies never reach the logs.
      redact: ['req.headers.authorization', 'req.headers.cookie', 'res.headers["set-cookie"]'],
      customLogLevel: (_request, response, error) => (error || response.statusCode >= 500 ? 'error' : response.statusCode >= 400 ? 'warn' : 'info'),
    },
    ...(silent ? { forRoutes: [] } : {}),
  };
}
