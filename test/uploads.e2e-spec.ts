import { randomBytes } from 'node:crypto';
import { request as httpRequest, Server } from 'node:http';
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
function postMultipart(server: Server, path: string, parts: Part[], headers: Record<string, string> = {}, options: { hangUpAfter?: number } = {}): Promise<Answer> {
  const boundary = `----wiredesk${randomBytes(8).toString('hex')}`;
  const chunks: Buffer[] = [];
  for (const part of parts) {
    const disposition = part.fileName === undefined ? `form-data; name="${part.field ?? 'file'}"` : `form-data; name="${part.field ?? 'file'}"; filename="${part.fileName}"`;
    chunks.push(Buffer.from(`--${boundary}\r\nContent-Disposition: ${disposition}\r\n`));
    if (part.contentType) chunks.push(Buffer.from(`Content-Type: ${part.contentType}\r\n`));
    chunks.push(Buffer.from('\r\n'), part.content, Buffer.from('\r\n'));
  }
  chunks.push(Buffer.from(`--${boundary}--\r\n`));
  const body = Buffer.concat(chunks);
  const { port } = server.address() as AddressInfo;
  return new Promise((resolve, reject) => {
    const call = httpRequest(
      { host: '127.0.0.1', port, path, method: 'POST', headers: { 'Content-Type': `multipart/form-data; boundary=${boundary}`, 'Content-Length': String(body.length), ...headers } },
      (response) => {
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
      },
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
  const saved = { TMPDIR: process.env.TMPDIR, DATA_DIR: process.env.DATA_DIR };

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
    process.env.TMPDIR = saved.TMPDIR;
    if (saved.DATA_DIR === undefined) delete process.env.DATA_DIR;
    else process.env.DATA_DIR = saved.DATA_DIR;
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
