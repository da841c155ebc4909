import type { NextFunction, Request, RequestHandler, Response } from 'express';
import { sendProblem } from '../common/problem-details.filter';
import { isMultipart } from './dump-upload';
import { ImportError, ImportErrorCode } from './import-error';

/**
 * Refuses a multipart body on every route but the given upload routes (POST), before reading a byte of it,
 * and closes the connection so the rest is never read either. Nothing but an upload route ever parses one,
 * and it only once the caller may import (see DumpUploads).
 */
export function refuseStrayMultipart(uploadPaths: readonly string[], uploadPatterns: readonly RegExp[] = []): RequestHandler {
  const allowed = new Set(uploadPaths.map((path) => path.toLowerCase()));
  return (request: Request, response: Response, next: NextFunction) => {
    if (!isMultipart(request)) return next();
    const route = request.path.replace(/\/+$/, '').toLowerCase();
    if (request.method === 'POST' && (allowed.has(route) || uploadPatterns.some((pattern) => pattern.test(route)))) {
      // Until the upload has been read whole, any answer (401, 403, 413…) closes the connection rather than read the rest.
      response.setHeader('Connection', 'close');
      return next();
    }
    response.setHeader('Connection', 'close');
    sendProblem(
      request,
      response,
      new ImportError(ImportErrorCode.MultipartRefused, `${request.method} ${request.path} takes no multipart body; wire dumps are uploaded to POST ${[...allowed].join(', ')}`),
    );
  };
}
