import request from 'supertest';
import { bootTestApp, TestApp } from './support/test-app';

/** Settings that need their own app: a tiny rate limit and a CORS allow-list. */
describe('API rate limit and CORS', () => {
  let testApp: TestApp;
  const previous = { RATE_LIMIT_PER_MINUTE: process.env.RATE_LIMIT_PER_MINUTE, CORS_ORIGINS: process.env.CORS_ORIGINS };

  beforeAll(async () => {
    process.env.RATE_LIMIT_PER_MINUTE = '5';
    process.env.CORS_ORIGINS = 'https://www.example.com';
    testApp = await bootTestApp();
  });
  afterAll(async () => {
    for (const [name, value] of Object.entries(previous)) {
      if (value === undefined) delete process.env[name];
      else process.env[name] = value;
    }
    await testApp.close();
  });

  it('answers 429 problem JSON with Retry-After once a client exceeds its budget', async () => {
    const http = request(testApp.app.getHttpServer());
    for (let i = 0; i < 5; i++) await http.get('/api/articles').expect(200);
    const limited = await http.get('/api/articles').expect(429);
    expect(limited.headers['content-type']).toContain('application/problem+json');
    expect(limited.body).toMatchObject({ status: 429, title: 'Too Many Requests' });
    expect(limited.body.detail).toMatch(/^too many requests: each client may make 5 requests a minute to this route; try again in \d+ s$/);
    expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
    // The budget is per client and route: another route still answers.
    await http.get('/api/articles/no-such-story').expect(404);
  });

  it('allows the configured origin and no other', async () => {
    const http = request(testApp.app.getHttpServer());
    const allowed = await http.options('/api/articles/x').set('Origin', 'https://www.example.com').set('Access-Control-Request-Method', 'GET');
    expect(allowed.headers['access-control-allow-origin']).toBe('https://www.example.com');
    const other = await http.options('/api/articles/x').set('Origin', 'https://evil.example.net').set('Access-Control-Request-Method', 'GET');
    expect(other.headers['access-control-allow-origin']).toBeUndefined();
  });
});
