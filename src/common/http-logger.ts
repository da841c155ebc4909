import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Params } from 'nestjs-pino';

const REQUEST_ID_HEADER = 'x-request-id';
const ACCEPTABLE_REQUEST_ID = /^[\w.:-]{1,100}$/;

/**
 * Structured JSON logs, one line per request, each with a request id: the caller's X-Request-Id when it
 * is sane, else a new UUID, echoed back so a client's report can be matched to the log. Silent under test.
 */
export function httpLoggerOptions(nodeEnv: string | undefined): Params {
  return {
    pinoHttp: {
      level: nodeEnv === 'test' ? 'silent' : 'info',
      genReqId: (request: IncomingMessage, response: ServerResponse) => {
        const offered = request.headers[REQUEST_ID_HEADER];
        const id = typeof offered === 'string' && ACCEPTABLE_REQUEST_ID.test(offered) ? offered : randomUUID();
        response.setHeader('X-Request-Id', id);
        return id;
      },
      // Tokens and session cookies never reach the logs.
      redact: ['req.headers.authorization', 'req.headers.cookie', 'res.headers["set-cookie"]'],
      customLogLevel: (_request, response, error) => (error || response.statusCode >= 500 ? 'error' : response.statusCode >= 400 ? 'warn' : 'info'),
    },
  };
}
