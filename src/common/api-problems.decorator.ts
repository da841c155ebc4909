import { applyDecorators } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional, ApiResponse } from '@nestjs/swagger';
import { STATUS_CODES } from 'node:http';

/** RFC 9457 problem document, as rendered by ProblemDetailsFilter. */
export class ProblemView {
  @ApiProperty({ example: 'urn:wiredesk:problem:articles:ARTICLE_VERSION_CONFLICT' }) type: string;
  @ApiProperty({ example: 'Conflict' }) title: string;
  @ApiProperty({ example: 409 }) status: number;
  @ApiProperty({ example: 'article 7 was changed by someone else (you edited version 3, it is now at version 4, …)' }) detail: string;
  @ApiPropertyOptional({ example: '/api/articles/7' }) instance?: string;
  @ApiPropertyOptional({ example: 'ARTICLE_VERSION_CONFLICT' }) code?: string;
}

const MEANING: Record<number, string> = {
  400: 'The request is malformed or fails validation (unknown fields, bad cursor, bad JSON)',
  401: 'No credentials, or an unknown, revoked or malformed API token',
  403: 'The token lacks the scope, or the user the role, for this action',
  404: 'No such resource (or not visible to this caller)',
  409: 'Conflict: stale version, taken slug or an impossible status change; carries currentVersion when stale',
  413: 'The request body is larger than allowed',
  428: 'No version given: send If-Match: "<version>" or "version"',
  429: 'Too many requests; see Retry-After',
};

/** Documents the problem responses a route can give, plus the 429 every throttled route can. */
export function ApiProblems(...statuses: number[]): MethodDecorator & ClassDecorator {
  return applyDecorators(
    ...[...new Set([...statuses, 429])].map((status) =>
      ApiResponse({ status, description: MEANING[status] ?? STATUS_CODES[status], type: ProblemView }),
    ),
  );
}
