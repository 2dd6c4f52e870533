import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, TestApp } from '../support/test-app';

describe('HTTP foundation', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp();
  });
  afterAll(async () => {
    await app.close();
  });

  it('answers liveness and readiness without a key; readiness of a process that consumes queues covers its consumers', async () => {
    await request(app.baseUrl).get('/health').expect(200, { status: 'ok' });
    const ready = await request(app.baseUrl).get('/ready').expect(200);
    expect(ready.body).toEqual({ status: 'ok', postgres: 'up', redis: 'up', consumers: 'up' });
  });

  it('answers readiness of an api-only process without consumers, and a 503 naming the dependency that is down', async () => {
    const api = await startTestApp({ role: 'api' });
    try {
      expect((await request(api.baseUrl).get('/ready').expect(200)).body).toEqual({ status: 'ok', postgres: 'up', redis: 'up' });
      await api.db.destroy();
      const down = await request(api.baseUrl).get('/ready').expect(503);
      expect(down.body.code).toBe('PROVIDER_UNAVAILABLE');
      expect(down.body.message).toMatch(/postgres down/);
      expect(down.body.message).toMatch(/redis up/);
    } finally {
      await api.close().catch(() => undefined);
    }
  });

  it('serves OpenAPI JSON generated from the code', async () => {
    const docs = await request(app.baseUrl).get('/docs-json').expect(200);
    expect(docs.body.openapi).toMatch(/^3\./);
    expect(Object.keys(docs.body.paths)).toContain('/ready');
  });

  it('answers an unknown route with the error shape and a correlation id', async () => {
    const tenant = await app.newTenant();
    const res = await request(app.baseUrl).get('/v1/nothing-here').set('Authorization', tenant.auth).set('X-Correlation-Id', 'test-corr-0001').expect(404);
    expect(res.body).toEqual({ statusCode: 404, error: 'Not Found', code: 'NOT_FOUND', message: 'No route for GET /v1/nothing-here', details: [], correlationId: 'test-corr-0001' });
    expect(res.headers['x-correlation-id']).toBe('test-corr-0001');
  });

  it('answers an unknown route with 404 whether or not a key is sent', async () => {
    await request(app.baseUrl).get('/v1/nothing-here').expect(404);
  });

  it('answers malformed JSON with 400 and an oversized body with 413', async () => {
    const tenant = await app.newTenant();
    const malformed = await request(app.baseUrl).post('/v1/anything').set('Authorization', tenant.auth).set('Content-Type', 'application/json').send('{"name": ').expect(400);
    expect(malformed.body.details).toEqual([{ field: 'body', reason: 'malformed JSON' }]);
    const huge = JSON.stringify({ name: 'x'.repeat(1024 * 1024) });
    const tooLarge = await request(app.baseUrl).post('/v1/anything').set('Authorization', tenant.auth).set('Content-Type', 'application/json').send(huge).expect(413);
    expect(tooLarge.body.statusCode).toBe(413);
  });

  it('sets hardened response headers', async () => {
    const res = await request(app.baseUrl).get('/health').expect(200);
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['x-powered-by']).toBeUndefined();
  });
});
