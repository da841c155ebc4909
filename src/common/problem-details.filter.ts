import { ArgumentsHost, Catch, ExceptionFilter, HttpException, HttpStatus, Logger } from '@nestjs/common';
import { STATUS_CODES } from 'node:http';
import type { Request, Response } from 'express';
import { DomainError } from './domain-error';

export interface ProblemDocument {
  type: string;
  title: string;
  status: number;
  detail: string;
  instance?: string;
  code?: string;
  [extension: string]: unknown;
}

/** Turns every error leaving a route into RFC 9457 problem JSON (`application/problem+json`). */
@Catch()
export class ProblemDetailsFilter implements ExceptionFilter {
  private readonly logger = new Logger(ProblemDetailsFilter.name);

  catch(exception: unknown, host: ArgumentsHost): void {
    if (host.getType() !== 'http') throw exception;
    const request = host.switchToHttp().getRequest<Request>();
    const response = host.switchToHttp().getResponse<Response>();
    const problem = toProblem(exception);
    // Deliberate 5xx answers (a 503 from /health) are not faults; anything unexpected is logged with its stack.
    if (problem.status >= 500 && !(exception instanceof HttpException)) {
      this.logger.error(exception instanceof Error ? exception.stack : String(exception));
    }
    if (response.headersSent) return;
    // RFC 9110 §11.6.1: every 401 names the scheme to authenticate with.
    if (problem.status === 401 && !response.getHeader('WWW-Authenticate')) response.setHeader('WWW-Authenticate', 'Bearer realm="wiredesk"');
    response
      .status(problem.status)
      .type('application/problem+json')
      .json({ ...problem, instance: request.originalUrl });
  }
}

/** The same answer from plain Express middleware, which runs outside Nest's filters (the panel's body gate). */
export function sendProblem(request: Request, response: Response, exception: unknown): void {
  const problem = toProblem(exception);
  if (problem.status >= 500 && !(exception instanceof DomainError)) {
    new Logger(ProblemDetailsFilter.name).error(exception instanceof Error ? exception.stack : String(exception));
  }
  if (response.headersSent) {
    response.end();
    return;
  }
  response
    .status(problem.status)
    .type('application/problem+json')
    .json({ ...problem, instance: request.originalUrl });
}

export function toProblem(exception: unknown): ProblemDocument {
  if (exception instanceof DomainError) {
    return {
      ...exception.extensions,
      type: `urn:wiredesk:problem:${exception.domain}:${exception.code}`,
      title: STATUS_CODES[exception.status] ?? 'Error',
      status: exception.status,
      detail: exception.message,
      code: exception.code,
    };
  }
  if (exception instanceof HttpException) {
    const status = exception.getStatus();
    const body = exception.getResponse();
    return {
      ...extensionsOf(body),
      type: 'about:blank',
      title: STATUS_CODES[status] ?? 'Error',
      status,
      detail: describeHttpException(body, exception.message),
    };
  }
  // Body-parser errors (malformed JSON, oversize bodies) arrive as plain errors carrying a status.
  const status = httpStatusOf(exception);
  if (status !== undefined && status >= 400 && status < 500) {
    return {
      type: 'about:blank',
      title: STATUS_CODES[status] ?? 'Error',
      status,
      detail: exception instanceof Error ? exception.message : STATUS_CODES[status] ?? 'Bad request',
    };
  }
  return {
    type: 'about:blank',
    title: STATUS_CODES[HttpStatus.INTERNAL_SERVER_ERROR]!,
    status: HttpStatus.INTERNAL_SERVER_ERROR,
    detail: 'The server failed to handle this request; it has been logged.',
  };
}

/** Members of an exception body worth keeping (e.g. the health report behind a 503), minus Nest's own framing. */
function extensionsOf(body: string | object): Record<string, unknown> {
  if (typeof body === 'string') return {};
  const { message: _message, statusCode: _statusCode, ...rest } = body as Record<string, unknown>;
  // Nest frames its own errors with `error: "Bad Request"`; anything richer (a health report) is kept.
  if (typeof rest.error === 'string') delete rest.error;
  return rest;
}

function describeHttpException(body: string | object, fallback: string): string {
  if (typeof body === 'string') return body;
  const message = (body as { message?: unknown }).message;
  if (Array.isArray(message)) return message.join('; ');
  if (typeof message === 'string') return message;
  return fallback;
}

function httpStatusOf(exception: unknown): number | undefined {
  if (typeof exception !== 'object' || exception === null) return undefined;
  const candidate = (exception as { status?: unknown; statusCode?: unknown }).status ?? (exception as { statusCode?: unknown }).statusCode;
  return typeof candidate === 'number' ? candidate : undefined;
}
