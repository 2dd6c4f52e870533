import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, TestApp } from '../support/test-app';

const CONSOLE = 'https://console.example.com';

function preflight(app: TestApp, origin: string) {
  return request(app.baseUrl).options('/v1/me').set('Origin', origin).set('Access-Control-Request-Method', 'GET').set('Access-Control-Request-Headers', 'authorization');
}

describe('CORS and response headers', () => {
  let closed: TestApp;
  let open: TestApp;

  beforeAll(async () => {
    closed = await startTestApp();
    open = await startTestApp({ env: { HERD_CORS_ORIGINS: `${CONSOLE}, https://other.example.org` } });
  });
  afterAll(async () => {
    await closed.close();
    await open.close();
  });

  it('is off by default: no origin gets an Access-Control-Allow-Origin', async () => {
    const res = await preflight(closed, CONSOLE);
    expect(res.status).toBeLessThan(500);
    expect(res.headers['access-control-allow-origin']).toBeUndefined();
    const simple = await request(closed.baseUrl).get('/health').set('Origin', CONSOLE).expect(200);
    expect(simple.headers['access-control-allow-origin']).toBeUndefined();
  });

  it('answers a preflight from a configured origin, and not from another', async () => {
    const allowed = await preflight(open, CONSOLE).expect(204);
    expect(allowed.headers['access-control-allow-origin']).toBe(CONSOLE);
    expect(allowed.headers['access-control-allow-methods']).toContain('GET');
    expect(allowed.headers['access-control-allow-headers']).toMatch(/authorization/i);
    expect(allowed.headers['access-control-allow-credentials']).toBeUndefined();
    const refused = await preflight(open, 'https://evil.example.net');
    expect(refused.headers['access-control-allow-origin']).toBeUndefined();
    const simple = await request(open.baseUrl).get('/health').set('Origin', CONSOLE).expect(200);
    expect(simple.headers['access-control-allow-origin']).toBe(CONSOLE);
  });

  it('lets a browser client send the headers herd reads, caches the preflight, and read the headers herd answers with', async () => {
    const sent = ['authorization', 'content-type', 'idempotency-key', 'if-match', 'last-event-id', 'x-correlation-id'];
    const allowed = await request(open.baseUrl)
      .options('/v1/clusters')
      .set('Origin', CONSOLE)
      .set('Access-Control-Request-Method', 'POST')
      .set('Access-Control-Request-Headers', sent.join(','))
      .expect(204);
    const allowedHeaders = String(allowed.headers['access-control-allow-headers']).toLowerCase().split(/\s*,\s*/);
    expect(allowedHeaders).toEqual(expect.arrayContaining(sent));
    expect(allowed.headers['access-control-allow-methods']).toMatch(/POST/);
    expect(Number(allowed.headers['access-control-max-age'])).toBeGreaterThanOrEqual(600);

    const limited = await request(open.baseUrl).get('/v1/me').set('Origin', CONSOLE).set('X-Correlation-Id', 'browser-call-01').expect(401);
    expect(limited.headers['access-control-allow-origin']).toBe(CONSOLE);
    const exposed = String(limited.headers['access-control-expose-headers']).toLowerCase().split(/\s*,\s*/);
    expect(exposed).toEqual(expect.arrayContaining(['x-correlation-id', 'location', 'etag', 'retry-after', 'x-ratelimit-limit', 'x-ratelimit-remaining', 'www-authenticate']));
    // Every header herd sent on this answer that a script needs is readable: nothing herd sets is left hidden.
    for (const header of ['x-correlation-id', 'x-ratelimit-limit', 'x-ratelimit-remaining', 'www-authenticate']) expect(limited.headers[header], header).toBeDefined();
  });

  it('hardens every answer, errors included', async () => {
    for (const res of [await request(closed.baseUrl).get('/health'), await request(closed.baseUrl).get('/v1/me')]) {
      expect(res.headers['x-content-type-options']).toBe('nosniff');
      expect(res.headers['x-frame-options']).toBe('SAMEORIGIN');
      expect(res.headers['content-security-policy']).toContain("default-src 'self'");
      expect(res.headers['strict-transport-security']).toMatch(/max-age=\d+/);
      expect(res.headers['referrer-policy']).toBe('no-referrer');
      expect(res.headers['cross-origin-opener-policy']).toBe('same-origin');
      expect(res.headers['x-powered-by']).toBeUndefined();
    }
  });
});
