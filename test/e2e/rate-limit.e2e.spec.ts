import Redis from 'ioredis';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HERD_CONFIG, HerdConfig } from '../../src/config/config';
import { REDIS } from '../../src/queue/redis.module';
import { startTestApp, TestApp } from '../support/test-app';

describe('rate limits', () => {
  let app: TestApp;
  const http = () => request(app.baseUrl);

  beforeAll(async () => {
    app = await startTestApp({ env: { HERD_RATE_LIMIT_PER_MINUTE: '60', HERD_RATE_LIMIT_BURST: '3', HERD_RATE_LIMIT_PER_IP_PER_MINUTE: '2' } });
  });
  afterAll(async () => {
    await app.close();
  });

  it('lets a key make its burst, then answers 429 with Retry-After and the error shape', async () => {
    const tenant = await app.newTenant('member');
    const remaining: string[] = [];
    for (let i = 0; i < 3; i++) {
      const res = await http().get('/v1/me').set('Authorization', tenant.auth).expect(200);
      expect(res.headers['x-ratelimit-limit']).toBe('60');
      remaining.push(res.headers['x-ratelimit-remaining']);
    }
    expect(remaining).toEqual(['2', '1', '0']);
    const limited = await http().get('/v1/me').set('Authorization', tenant.auth).expect(429);
    expect(Number(limited.headers['retry-after'])).toBeGreaterThanOrEqual(1);
    expect(Number(limited.headers['retry-after'])).toBeLessThanOrEqual(2);
    expect(limited.body).toMatchObject({ statusCode: 429, error: 'Too Many Requests', details: [], correlationId: expect.any(String) });
    expect(limited.body.message).toMatch(/This API key has made too many requests \(limit 60 per minute\)/);
    // Writes count against the same bucket.
    await http().post(`/v1/tenants/${tenant.tenantId}/api-keys`).set('Authorization', tenant.auth).send({ role: 'viewer' }).expect(429);
  });

  it('keeps one bucket per key', async () => {
    const tenant = await app.newTenant('member');
    for (let i = 0; i < 3; i++) await http().get('/v1/me').set('Authorization', tenant.auth).expect(200);
    await http().get('/v1/me').set('Authorization', tenant.auth).expect(429);
    const sibling = `Bearer ${await tenant.keyWithRole('viewer')}`;
    await http().get('/v1/me').set('Authorization', sibling).expect(200);
  });

  it('limits requests without a valid key per client address', async () => {
    await http().get('/v1/me').expect(401);
    await http().get('/v1/me').set('Authorization', 'Bearer not-a-key').expect(401);
    const limited = await http().get('/v1/me').expect(429);
    expect(Number(limited.headers['retry-after'])).toBeGreaterThanOrEqual(1);
    expect(limited.body.message).toMatch(/This client address has made too many requests/);
    // A valid key is not held back by the address's bucket.
    const tenant = await app.newTenant('viewer');
    await http().get('/v1/me').set('Authorization', tenant.auth).expect(200);
  });

  it('never limits health, readiness or the docs', async () => {
    for (let i = 0; i < 8; i++) {
      await http().get('/health').expect(200);
      await http().get('/ready').expect(200);
      await http().get('/docs-json').expect(200);
    }
  });

  it("keeps its buckets under herd's Redis prefix", async () => {
    const config = app.herd.context.get<symbol, HerdConfig>(HERD_CONFIG);
    const redis = app.herd.context.get<symbol, Redis>(REDIS);
    const keys = await redis.keys(`${config.redisPrefix}:ratelimit:*`);
    expect(keys.some((key) => key.startsWith(`${config.redisPrefix}:ratelimit:key:`))).toBe(true);
    expect(keys.some((key) => key.startsWith(`${config.redisPrefix}:ratelimit:ip:`))).toBe(true);
    for (const key of keys) expect(await redis.pttl(key)).toBeGreaterThan(0);
  });
});
