import { BadRequestException } from '@nestjs/common';
import type { NextFunction, Request, Response } from 'express';
import { sendProblem } from './problem-details.filter';

/** Deeper JSON than any request body Wiredesk accepts; validating a body nested far deeper would exhaust the stack. */
export const MAX_JSON_DEPTH = 32;

/**
 * Refuses, before any route sees them, inputs that no route accepts but that would otherwise fail deep
 * inside (and answer 500): a NUL character anywhere in the URL or in a body's strings or keys (PostgreSQL
 * text cannot hold one) and JSON nested deeper than {@link MAX_JSON_DEPTH}. Runs after the body parsers.
 */
export function refuseUnstorableInput(request: Request, response: Response, next: NextFunction): void {
  const problem = /%00/.test(request.originalUrl) ? 'the URL contains a NUL character (%00)' : problemInBody(request.body);
  if (problem) {
    sendProblem(request, response, new BadRequestException(problem));
    return;
  }
  next();
}

/** Walks the parsed body without recursion, so its own depth cannot hurt. */
function problemInBody(body: unknown): string | undefined {
  if (typeof body !== 'object' || body === null) return typeof body === 'string' && body.includes('\0') ? NUL_IN_BODY : undefined;
  const pending: Array<{ value: unknown; depth: number }> = [{ value: body, depth: 1 }];
  while (pending.length > 0) {
    const { value, depth } = pending.pop()!;
    if (typeof value === 'string') {
      if (value.includes('\0')) return NUL_IN_BODY;
      continue;
    }
    if (typeof value !== 'object' || value === null) continue;
    if (depth > MAX_JSON_DEPTH) return `the body is nested more than ${MAX_JSON_DEPTH} levels deep`;
    for (const [key, child] of Object.entries(value)) {
      if (key.includes('\0')) return NUL_IN_BODY;
      pending.push({ value: child, depth: depth + 1 });
    }
  }
  return undefined;
}

const NUL_IN_BODY = 'the body contains a NUL character (\\u0000), which no field accepts';
