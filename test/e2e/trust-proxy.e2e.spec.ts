import { randomUUID } from 'node:crypto';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, TestApp } from '../support/test-app';
import { until } from '../support/until';

const PER_IP_LIMIT = { HERD_RATE_LIMIT_PER_IP_PER_MINUTE: '2' };

async function auditedClientIp(app: TestApp, correlationId: string): Promise<string | null> {
  const [row] = await until(
    `the audit entry of ${correlationId}`,
    () => app.db.query(`SELECT client_ip FROM audit_log WHERE correlation_id = $1`, [correlationId]) as Promise<{ client_ip: string | null }[]>,
    (rows) => rows.length > 0,
  );
  return row!.client_ip;
}

/** Requests through a proxy on loopback: the proxy names the client in X-Forwarded-For. */
describe('HERD_TRUST_PROXY', () => {
  describe('=loopback', () => {
    let app: TestApp;
    beforeAll(async () => {
      app = await startTestApp({ role: 'api', env: { ...PER_IP_LIMIT, HERD_TRUST_PROXY: 'loopback' } });
    });
    afterAll(async () => {
      await app?.close();
    });

    it('records the forwarded client address in the audit log of a write', async () => {
      const correlationId = `proxy-${randomUUID()}`;
      const admin = await app.newTenant('admin');
      await request(app.baseUrl).post('/v1/tenants').set('Authorization', admin.auth).set('X-Forwarded-For', '203.0.113.7').set('X-Correlation-Id', correlationId).send({ name: `proxied-${randomUUID()}` }).expect(201);
      expect(await auditedClientIp(app, correlationId)).toBe('203.0.113.7');
    });

    it('keeps one per-address rate limit bucket per forwarded client', async () => {
      const from = (client: string) => request(app.baseUrl).get('/v1/me').set('X-Forwarded-For', client);
      await from('203.0.113.20').expect(401);
      await from('203.0.113.20').expect(401);
      await from('203.0.113.20').expect(429);
      await from('203.0.113.21').expect(401);
    });
  });

  describe('unset (the default)', () => {
    let app: TestApp;
    beforeAll(async () => {
      app = await startTestApp({ role: 'api', env: PER_IP_LIMIT });
    });
    afterAll(async () => {
      await app?.close();
    });

    it('ignores X-Forwarded-For: the audit log of a write has the connecting address', async () => {
      const correlationId = `direct-${randomUUID()}`;
      const admin = await app.newTenant('admin');
      await request(app.baseUrl).post('/v1/tenants').set('Authorization', admin.auth).set('X-Forwarded-For', '203.0.113.7').set('X-Correlation-Id', correlationId).send({ name: `proxied-${randomUUID()}` }).expect(201);
      expect(await auditedClientIp(app, correlationId)).toMatch(/^(::ffff:)?127\.0\.0\.1$/);
    });

    it('counts every forwarded client against the connecting address', async () => {
      const from = (client: string) => request(app.baseUrl).get('/v1/me').set('X-Forwarded-For', client);
      await from('203.0.113.30').expect(401);
      await from('203.0.113.31').expect(401);
      await from('203.0.113.32').expect(429);
    });
  });
});
