import Busboy from 'busboy';
import type { CurrentAdmin } from 'adminjs';
import type { NextFunction, Request, RequestHandler, Response } from 'express';
import { Permission } from '../auth/actor';
import { AuthError, AuthErrorCode } from '../auth/auth-error';
import { sendProblem } from '../common/problem-details.filter';
import { DumpUploads, isMultipart } from '../imports/dump-upload';
import { ImportError, ImportErrorCode } from '../imports/import-error';
import { sessionCan } from './admin-actor';

/** The panel's upload route (Imports → New), under the panel's root path. */
export const PANEL_UPLOAD_PATH = '/api/resources/Import/actions/new';
/** The panel's own forms (every other action) carry at most this much text. */
const PANEL_FORM_LIMITS = { files: 0, fields: 500, fieldSize: 1 << 20, parts: 500 };

/** Marks the body as read for express-formidable (inside AdminJS's router), which then leaves it alone. */
function parsed(request: Request, fields: Record<string, unknown>, files: Record<string, unknown> = {}): void {
  Object.assign(request, { fields, files, express_formidable: { parsed: true } });
}

function hasBody(request: Request): boolean {
  return request.headers['transfer-encoding'] !== undefined || Number(request.headers['content-length'] ?? 0) > 0;
}

function routeOf(request: Request): string {
  return request.path.replace(/\/+$/, '').toLowerCase();
}

function refuse(request: Request, response: Response, error: unknown): void {
  // The body was not (or not all) read: close the connection instead of reading the rest.
  response.setHeader('Connection', 'close');
  sendProblem(request, response, error);
}

/**
 * Runs in front of AdminJS's router, whose body parser (express-formidable) would otherwise read every body
 * (writing any file part to a temp file that is never deleted) before the router checks the session.
 * - Strangers: only the log-in form is read; a multipart body is refused unread (401); any other body is
 *   left unread, and AdminJS sends them to the log-in page.
 * - Imports → New: only for a signed-in user who may import (403 otherwise, unread); the dump is streamed to
 *   a staging file by {@link DumpUploads} (validated as it arrives, at most IMPORT_MAX_CONCURRENT_UPLOADS at
 *   once) and removed once the answer has gone, whatever it was.
 * - Other panel actions: the panel sends its forms as multipart without files; their fields are read in
 *   memory, and a file part is refused (415) as soon as it starts.
 */
export function panelBodyGate(options: { loginPath: string; uploads: DumpUploads }): RequestHandler {
  const loginPath = options.loginPath.toLowerCase();
  const uploadPath = PANEL_UPLOAD_PATH.toLowerCase();
  return (request: Request, response: Response, next: NextFunction) => {
    if (!hasBody(request)) return next();
    const signedIn = request.session?.adminUser as CurrentAdmin | undefined;
    const route = routeOf(request);
    const multipart = isMultipart(request);

    if (!signedIn) {
      if (multipart) return refuse(request, response, new AuthError(AuthErrorCode.Unauthenticated, 'log in to the panel before sending anything'));
      if (route === loginPath) return next();
      parsed(request, {});
      return next();
    }

    if (route === uploadPath && request.method === 'POST') {
      if (!sessionCan(signedIn, Permission.Import)) {
        return refuse(request, response, new AuthError(AuthErrorCode.Forbidden, `${signedIn.email} may not import`));
      }
      options.uploads.receive(request, response).then(
        (staged) => {
          // The action discards it once stored; this covers an answer that never reached the action.
          response.once('close', () => void staged.discard());
          parsed(request, {}, { file: staged });
          next();
        },
        (error: unknown) => refuse(request, response, error),
      );
      return;
    }

    if (!multipart) return next();
    readFormFields(request).then(
      (fields) => {
        parsed(request, fields);
        next();
      },
      (error: unknown) => refuse(request, response, error),
    );
  };
}

/** The text fields of a multipart panel form, held in memory; a file part fails it before any file byte is read. */
function readFormFields(request: Request): Promise<Record<string, string>> {
  return new Promise((resolve, reject) => {
    let parser: Busboy.Busboy;
    try {
      parser = Busboy({ headers: request.headers, defParamCharset: 'utf8', limits: PANEL_FORM_LIMITS });
    } catch (error) {
      reject(new ImportError(ImportErrorCode.MalformedUpload, `the form could not be read: ${(error as Error).message}`));
      return;
    }
    const fields: Record<string, string> = {};
    let settled = false;
    const fail = (error: Error) => {
      if (settled) return;
      settled = true;
      request.unpipe(parser);
      reject(error);
    };
    parser.on('field', (name: string, value: string, info: { valueTruncated: boolean }) => {
      if (info.valueTruncated) return fail(new ImportError(ImportErrorCode.MalformedUpload, `the form field "${name}" is longer than ${PANEL_FORM_LIMITS.fieldSize} bytes`));
      fields[name] = value;
    });
    parser.on('filesLimit', () =>
      fail(new ImportError(ImportErrorCode.MultipartRefused, 'this panel action takes no file; wire dumps are uploaded from Imports → New')),
    );
    parser.on('fieldsLimit', () => fail(new ImportError(ImportErrorCode.MalformedUpload, 'the form has too many fields')));
    parser.on('partsLimit', () => fail(new ImportError(ImportErrorCode.MalformedUpload, 'the form has too many parts')));
    parser.on('error', (error: Error) => fail(new ImportError(ImportErrorCode.MalformedUpload, `the form could not be read: ${error.message}`)));
    parser.on('close', () => {
      if (settled) return;
      settled = true;
      resolve(fields);
    });
    request.on('aborted', () => parser.destroy(new Error('the request was interrupted')));
    request.pipe(parser);
  });
}
