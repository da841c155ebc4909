import { randomBytes } from 'node:crypto';
import { IncomingMessage, request as httpRequest, Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Actor, TokenScope } from '../src/auth/actor';
import { ApiTokensService } from '../src/auth/api-tokens.service';
import { UserRole } from '../src/auth/user.entity';
import { DumpUploads } from '../src/imports/dump-upload';
import { ImportErrorCode } from '../src/imports/import-error';
import { buildDump, syntheticArticle } from '../src/wire/testing/dump-builder';
import { loggedInAs } from './support/admin-session';
import { insertArticle } from './support/fixtures';
import { bootTestApp, TestApp } from './support/test-app';

const operator: Actor = { kind: 'system', name: 'test' };

interface Answer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: Record<string, unknown>;
}

interface Part {
  field?: string;
  fileName?: string;
  contentType?: string;
  content: Buffer;
}

/**
 * A multipart POST over a real socket, as curl sends it. The server may answer and close before the body is
 * all sent (that is the point of refusing unread bodies), so a failed write after the answer is not an error.
 */
function multipart(parts: Part[]): { body: Buffer; contentType: string } {
  const boundary = `----wiredesk${randomBytes(8).toString('hex')}`;
  const chunks: Buffer[] = [];
  for (const part of parts) {
    const disposition = part.fileName === undefined ? `form-data; name="${part.field ?? 'file'}"` : `form-data; name="${part.field ?? 'file'}"; filename="${part.fileName}"`;
    chunks.push(Buffer.from(`--${boundary}\r\nContent-Disposition: ${disposition}\r\n`));
    if (part.contentType) chunks.push(Buffer.from(`Content-Type: ${part.contentType}\r\n`));
    chunks.push(Buffer.from('\r\n'), part.content, Buffer.from('\r\n'));
  }
  chunks.push(Buffer.from(`--${boundary}--\r\n`));
  return { body: Buffer.concat(chunks), contentType: `multipart/form-data; boundary=${boundary}` };
}

/** Reads an answer whose body is problem or result JSON. */
function answerOf(response: IncomingMessage): Promise<Answer> {
  return new Promise((resolve) => {
    const received: Buffer[] = [];
    response.on('data', (chunk: Buffer) => received.push(chunk));
    response.on('end', () => {
      const text = Buffer.concat(received).toString('utf8');
      let parsed: Record<string, unknown> = {};
      try {
        parsed = text ? JSON.parse(text) : {};
      } catch {
        parsed = { text };
      }
      resolve({ status: response.statusCode!, headers: response.headers, body: parsed });
    });
  });
}

function multipartType(body: Buffer): string {
  return `multipart/form-data; boundary=${body.toString('latin1', 2, body.indexOf('\r\n'))}`;
}

function postRaw(server: Server, path: string, body: Buffer, headers: Record<string, string>): Promise<Answer> {
  const { port } = server.address() as AddressInfo;
  return new Promise((resolve, reject) => {
    const call = httpRequest({ host: '127.0.0.1', port, path, method: 'POST', headers: { 'Content-Length': String(body.length), ...headers } }, (response) => void answerOf(response).then(resolve));
    call.on('error', reject);
    call.end(body);
  });
}

function postMultipart(server: Server, path: string, parts: Part[], headers: Record<string, string> = {}, options: { hangUpAfter?: number } = {}): Promise<Answer> {
  const { body, contentType } = multipart(parts);
  const { port } = server.address() as AddressInfo;
  return new Promise((resolve, reject) => {
    const call = httpRequest(
      { host: '127.0.0.1', port, path, method: 'POST', headers: { 'Content-Type': contentType, 'Content-Length': String(body.length), ...headers } },
      (response) => void answerOf(response).then(resolve),
    );
    call.on('error', (error: NodeJS.ErrnoException) => {
      if (error.code !== 'EPIPE' && error.code !== 'ECONNRESET') reject(error);
    });
    if (options.hangUpAfter !== undefined) {
      call.write(body.subarray(0, options.hangUpAfter), () => setTimeout(() => call.destroy(), 200));
      call.on('close', () => resolve({ status: 0, headers: {}, body: {} }));
      return;
    }
    call.end(body);
  });
}

describe('uploads: nothing is read before log-in, and nothing is left behind', () => {
  let testApp: TestApp;
  let server: Server;
  let tempDir: string;
  let dataDir: string;
  let stagingDir: string;
  let importToken: string;
  let readToken: string;
  let editor: { cookie: string };
  let contributor: { cookie: string };
  const saved = { TMPDIR: process.env.TMPDIR, DATA_DIR: process.env.DATA_DIR, IMPORT_MAX_CONCURRENT_UPLOADS: process.env.IMPORT_MAX_CONCURRENT_UPLOADS };

  const dump = (seed: number) => Buffer.from(buildDump([syntheticArticle(seed), syntheticArticle(seed + 1)]));
  /** What a temp-file-writing body parser would leave: the private temp and staging directories' entries. */
  const leftovers = async () => [...(await readdir(tempDir)), ...(await readdir(stagingDir))];
  const importRows = async () => Number((await testApp.dataSource.query('SELECT count(*) FROM imports'))[0].count);

  beforeAll(async () => {
    // Every temp file in this process goes to a directory of its own, so "unchanged" means something.
    tempDir = await mkdtemp(join(tmpdir(), 'wiredesk-uploads-tmp-'));
    dataDir = await mkdtemp(join(tmpdir(), 'wiredesk-uploads-data-'));
    process.env.TMPDIR = tempDir;
    process.env.DATA_DIR = dataDir;
    // One upload at a time per instance, so the limit can be reached with two.
    process.env.IMPORT_MAX_CONCURRENT_UPLOADS = '1';
    testApp = await bootTestApp();
    stagingDir = testApp.app.get(DumpUploads).stagingDir;
    server = testApp.app.getHttpServer();
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const tokens = testApp.app.get(ApiTokensService);
    importToken = (await tokens.create({ name: 'ingest', scopes: [TokenScope.ImportsWrite] }, operator)).secret;
    readToken = (await tokens.create({ name: 'reader', scopes: [TokenScope.ContentRead] }, operator)).secret;
    editor = await loggedInAs(testApp.app, UserRole.Editor);
    contributor = await loggedInAs(testApp.app, UserRole.Contributor);
  });
  afterAll(async () => {
    await testApp.close();
    for (const [name, value] of Object.entries(saved)) {
      if (value === undefined) delete process.env[name];
      else process.env[name] = value;
    }
    await rm(tempDir, { recursive: true, force: true });
    await rm(dataDir, { recursive: true, force: true });
  });

  describe('refused before the body is read, leaving the temp directory unchanged', () => {
    const bigFile = () => ({ fileName: 'big.txt', contentType: 'text/plain', content: randomBytes(4 << 20) });

    it.each([
      ['an anonymous upload to the log-in page', '/admin/login', 401],
      ['an anonymous upload to the panel upload', '/admin/api/resources/Import/actions/new', 401],
      ['an anonymous upload to another panel route', '/admin/api/resources/Article/actions/list', 401],
      ['an anonymous upload to the API upload', '/api/imports', 401],
      ['an anonymous multipart body to an API route that takes none', '/api/articles', 415],
    ])('%s', async (_name, path, status) => {
      const before = await leftovers();
      const answer = await postMultipart(server, path, [bigFile()]);
      expect(answer.status).toBe(status);
      expect(answer.headers['content-type']).toMatch(/application\/problem\+json/);
      expect(answer.headers.connection).toBe('close');
      expect(await leftovers()).toEqual(before);
      expect(await importRows()).toBe(0);
    });

    it('a contributor, who may not import, is refused at the panel upload (403)', async () => {
      const answer = await postMultipart(server, '/admin/api/resources/Import/actions/new', [bigFile()], { Cookie: contributor.cookie });
      expect(answer.status).toBe(403);
      expect(await leftovers()).toEqual([]);
    });

    it('a token without imports:write is refused at the API upload (403)', async () => {
      const answer = await postMultipart(server, '/api/imports', [bigFile()], { Authorization: `Bearer ${readToken}` });
      expect(answer.status).toBe(403);
      expect(await leftovers()).toEqual([]);
    });

    it('a file sent by a signed-in editor to a panel action that takes none is refused (415), with no temp file', async () => {
      const article = await insertArticle(testApp.dataSource);
      const answer = await postMultipart(server, `/admin/api/resources/Article/records/${article.id}/edit`, [{ field: 'payload', content: Buffer.from('{}') }, bigFile()], {
        Cookie: editor.cookie,
      });
      expect(answer.status).toBe(415);
      expect(answer.body.code).toBe(ImportErrorCode.MultipartRefused);
      expect(await leftovers()).toEqual([]);
    });

    it('a signed-in editor upload to an API route that takes none is refused (415)', async () => {
      const answer = await postMultipart(server, '/api/authors', [bigFile()], { Cookie: editor.cookie });
      expect(answer.status).toBe(415);
      expect(await leftovers()).toEqual([]);
    });
  });

  it('answers 503 with Retry-After beyond IMPORT_MAX_CONCURRENT_UPLOADS, through the API and the panel, and then takes uploads again', async () => {
    const { body, contentType } = multipart([{ fileName: 'slow.txt', contentType: 'text/plain', content: dump(300) }]);
    const { port } = server.address() as AddressInfo;
    const slow = httpRequest({
      host: '127.0.0.1',
      port,
      path: '/api/imports',
      method: 'POST',
      headers: { 'Content-Type': contentType, 'Content-Length': String(body.length), Authorization: `Bearer ${importToken}` },
    });
    const slowAnswer = new Promise<Answer>((resolve) => slow.on('response', (response) => void answerOf(response).then(resolve)));
    // Half of it is sent; the upload holds this instance's only slot until the rest comes.
    slow.write(body.subarray(0, body.length >> 1));
    const uploads = testApp.app.get(DumpUploads);
    for (let attempt = 0; attempt < 100 && uploads.inProgress === 0; attempt += 1) await new Promise((resolve) => setTimeout(resolve, 50));
    expect(uploads.inProgress).toBe(1);

    const busy = await postMultipart(server, '/api/imports', [{ fileName: 'other.txt', contentType: 'text/plain', content: dump(310) }], { Authorization: `Bearer ${importToken}` });
    expect(busy.status).toBe(503);
    expect(busy.headers['retry-after']).toBe('5');
    expect(busy.body).toMatchObject({ code: ImportErrorCode.Busy, retryAfter: 5 });
    const busyPanel = await postMultipart(server, '/admin/api/resources/Import/actions/new', [{ fileName: 'other.txt', contentType: 'text/plain', content: dump(310) }], {
      Cookie: editor.cookie,
    });
    expect(busyPanel.status).toBe(503);
    expect(busyPanel.headers['retry-after']).toBe('5');

    slow.end(body.subarray(body.length >> 1));
    expect((await slowAnswer).status).toBe(202);
    expect(uploads.inProgress).toBe(0);
    const later = await postMultipart(server, '/api/imports', [{ fileName: 'other.txt', contentType: 'text/plain', content: dump(310) }], { Authorization: `Bearer ${importToken}` });
    expect(later.status).toBe(202);
    expect(await leftovers()).toEqual([]);
  });

  describe('names and types', () => {
    const name = 'файл-خبر.txt';

    it.each([
      ['the API', '/api/imports', () => ({ Authorization: `Bearer ${importToken}` }), 400],
      ['the panel', '/admin/api/resources/Import/actions/new', () => ({ Cookie: editor.cookie }), 500],
    ])('keeps a UTF-8 upload name as sent, through %s', async (_via, path, headers, seed) => {
      const answer = await postMultipart(server, path, [{ fileName: name, contentType: 'text/plain; charset=utf-8', content: dump(seed) }], headers());
      expect(answer.status).toBe(path.startsWith('/api') ? 202 : 200);
      const [row] = await testApp.dataSource.query(`SELECT "fileName" FROM imports WHERE "fileName" LIKE '%.txt' ORDER BY id DESC LIMIT 1`);
      expect(row.fileName).toBe(name);
    });

    it('decodes an RFC 5987 filename* and normalises the name to NFC', async () => {
      const decomposed = 'café.txt';
      const { body } = multipart([{ fileName: 'ignored.txt', contentType: 'text/plain', content: dump(600) }]);
      const encoded = Buffer.from(body.toString('latin1').replace('filename="ignored.txt"', `filename*=UTF-8''${encodeURIComponent(decomposed)}`), 'latin1');
      const answer = await postRaw(server, '/api/imports', encoded, { Authorization: `Bearer ${importToken}`, 'Content-Type': multipartType(body) });
      expect(answer.status).toBe(202);
      expect(answer.body.fileName).toBe('café.txt'.normalize('NFC'));
    });

    it.each([
      ['text/plain', 202],
      ['text/plain; charset=UTF-8', 202],
      ['application/octet-stream', 202],
      ['text/csv', 415],
      ['application/pdf', 415],
    ])('%s → %i', async (contentType, status) => {
      const answer = await postMultipart(server, '/api/imports', [{ fileName: 'typed.txt', contentType, content: dump(700 + status + contentType.length) }], {
        Authorization: `Bearer ${importToken}`,
      });
      expect(answer.status).toBe(status);
      if (status === 415) expect(answer.body).toMatchObject({ code: ImportErrorCode.UnsupportedType, detail: expect.stringMatching(/text\/plain \(or application\/octet-stream\) in UTF-8/) });
    });
  });

  describe('temp files are removed on every outcome', () => {
    it.each([
      ['the API', '/api/imports', () => ({ Authorization: `Bearer ${importToken}` })],
      ['the panel', '/admin/api/resources/Import/actions/new', () => ({ Cookie: editor.cookie })],
    ])('through %s: accepted, then refused (image, invalid UTF-8, empty), then a client hanging up mid-upload', async (_name, path, headers) => {
      const seed = path.startsWith('/api') ? 100 : 200;
      const accepted = await postMultipart(server, path, [{ fileName: 'ok.txt', contentType: 'text/plain', content: dump(seed) }], headers());
      expect(accepted.status).toBe(path.startsWith('/api') ? 202 : 200);
      expect(await leftovers()).toEqual([]);

      const image = await postMultipart(server, path, [{ fileName: 'photo.gif', contentType: 'image/gif', content: randomBytes(1 << 20) }], headers());
      expect(image.status).toBe(415);
      expect(JSON.stringify(image.body)).toMatch(/text\/plain/);
      const invalid = await postMultipart(server, path, [{ fileName: 'bad.txt', contentType: 'text/plain', content: Buffer.concat([dump(seed + 10), Buffer.from([0xc3, 0x28])]) }], headers());
      expect(JSON.stringify(invalid.body)).toMatch(/UTF-8/);
      const empty = await postMultipart(server, path, [{ fileName: 'empty.txt', contentType: 'text/plain', content: Buffer.alloc(0) }], headers());
      expect(JSON.stringify(empty.body)).toMatch(/empty/i);
      expect(await leftovers()).toEqual([]);

      const hungUp = await postMultipart(server, path, [{ fileName: 'cut.txt', contentType: 'text/plain', content: Buffer.alloc(2 << 20, 'a') }], headers(), { hangUpAfter: 1 << 20 });
      expect(hungUp.status).toBe(0);
      for (let attempt = 0; attempt < 50 && (await leftovers()).length > 0; attempt += 1) await new Promise((resolve) => setTimeout(resolve, 100));
      expect(await leftovers()).toEqual([]);
      expect(testApp.app.get(DumpUploads).inProgress).toBe(0);
    });
  });
});
