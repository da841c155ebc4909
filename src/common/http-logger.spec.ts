import type { IncomingMessage, ServerResponse } from 'node:http';
import { assignRequestId, httpLoggerOptions } from './http-logger';

function exchange(headers: Record<string, string> = {}): { request: IncomingMessage; response: ServerResponse; sent: Map<string, unknown> } {
  const sent = new Map<string, unknown>();
  const response = { setHeader: (name: string, value: unknown) => sent.set(name, value) } as unknown as ServerResponse;
  return { request: { headers } as IncomingMessage, response, sent };
}

describe('request ids', () => {
  it("keeps a sane caller's X-Request-Id and echoes it", () => {
    const { request, response, sent } = exchange({ 'x-request-id': 'client-abc-123' });
    expect(assignRequestId(request, response)).toBe('client-abc-123');
    expect(sent.get('X-Request-Id')).toBe('client-abc-123');
  });

  it('replaces an unusable one with a UUID, assigned once per request', () => {
    const { request, response, sent } = exchange({ 'x-request-id': 'spaces and\nnewlines' });
    const id = assignRequestId(request, response);
    expect(id).toMatch(/^[0-9a-f-]{36}$/);
    expect(assignRequestId(request, response)).toBe(id);
    expect(sent.get('X-Request-Id')).toBe(id);
  });

  it('logs with the id the middleware assigned; mounts no request logger when silent', () => {
    const logged = httpLoggerOptions('production');
    expect(logged.forRoutes).toBeUndefined();
    const { request, response } = exchange();
    const id = assignRequestId(request, response);
    const pinoHttp = logged.pinoHttp as { level: string; genReqId: (request: IncomingMessage, response: ServerResponse) => string };
    expect(pinoHttp.level).toBe('info');
    expect(pinoHttp.genReqId(request, response)).toBe(id);

    const silent = httpLoggerOptions('test');
    expect(silent.forRoutes).toEqual([]);
  });
});
