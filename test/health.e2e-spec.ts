import request from 'supertest';
import { bootTestApp, TestApp } from './support/test-app';

describe('GET /health', () => {
  let testApp: TestApp;

  beforeAll(async () => {
    testApp = await bootTestApp();
  });
  afterAll(() => testApp.close());

  it('answers 200 with the database up', async () => {
    const response = await request(testApp.app.getHttpServer()).get('/health').expect(200);
    expect(response.body).toMatchObject({ status: 'ok', info: { database: { status: 'up' } } });
  });

  it('answers 503 with the database down', async () => {
    // Dropping the database (and its connections) is what an outage looks like to the app.
    await testApp.database.drop();
    const response = await request(testApp.app.getHttpServer()).get('/health').expect(503);
    expect(response.body).toMatchObject({ status: 503, error: { database: { status: 'down' } } });
  });
});
