import { randomUUID } from 'node:crypto';
import net from 'node:net';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { clusterBody, requestCluster, settle, simCredential } from '../support/clusters';
import { startTestApp, TestApp, TestTenant } from '../support/test-app';

const CHALLENGE = 'Bearer realm="herd"';

/** The body must be herd's error shape with this status and code. */
function expectError(res: request.Response, status: number, code: string): void {
  expect(res.status, res.text).toBe(status);
  expect(res.body).toMatchObject({ statusCode: status, code, correlationId: expect.any(String) });
  expect(typeof res.body.message).toBe('string');
  expect(Array.isArray(res.body.details)).toBe(true);
}

describe('error codes', () => {
  let app: TestApp;
  let tenant: TestTenant;
  let viewer: string;
  const http = () => request(app.baseUrl);

  beforeAll(async () => {
    app = await startTestApp({ env: { HERD_QUOTA_NODES_PER_CLUSTER: '5' } });
    tenant = await app.newTenant('member');
    viewer = await tenant.keyWithRole('viewer');
  });
  afterAll(async () => {
    await app?.close();
  });

  describe('400', () => {
    it('says VALIDATION_FAILED, and only "is required" for a missing top-level field', async () => {
      const res = await http().post('/v1/credentials').set('Authorization', tenant.auth).send({ variant: 'default' });
      expectError(res, 400, 'VALIDATION_FAILED');
      expect(res.body.details).toEqual([
        { field: 'name', reason: 'is required' },
        { field: 'provider', reason: 'is required' },
        { field: 'parameters', reason: 'is required' },
      ]);
      expect(res.body.message).toBe('name: is required (and 2 more problems)');
    });

    it('says "is required" for a missing nested field, and still names the rule a present value breaks', async () => {
      const credential = await simCredential(app, tenant);
      const res = await http()
        .post('/v1/clusters')
        .set('Authorization', tenant.auth)
        .send({ name: 'x'.repeat(80), blueprint: 'hadoop-single-master', credential, hostGroups: [{ nodeCount: 1 }, { name: 'worker' }] });
      expectError(res, 400, 'VALIDATION_FAILED');
      expect(res.body.details).toEqual(
        expect.arrayContaining([
          { field: 'hostGroups[0].name', reason: 'is required' },
          { field: 'hostGroups[1].nodeCount', reason: 'is required' },
          { field: 'name', reason: expect.stringMatching(/^must start with a letter/) },
        ]),
      );
      expect(res.body.details.filter((problem: { field: string }) => problem.field === 'hostGroups[0].name')).toHaveLength(1);
      const missing = await http().post('/v1/clusters').set('Authorization', tenant.auth).send({ name: 'fine', credential });
      expect(missing.body.details).toEqual([
        { field: 'blueprint', reason: 'is required' },
        { field: 'hostGroups', reason: 'is required' },
      ]);
    });

    it('says "is required" on other bodies too: tenants and autoscaling policies', async () => {
      const admin = await app.newTenant('admin');
      const tenantRes = await http().post('/v1/tenants').set('Authorization', admin.auth).send({});
      expectError(tenantRes, 400, 'VALIDATION_FAILED');
      expect(tenantRes.body.details).toEqual([{ field: 'name', reason: 'is required' }]);
      const policy = await http().post(`/v1/clusters/${randomUUID()}/autoscaling-policies`).set('Authorization', tenant.auth).send({ name: 'grow', hostGroup: 'worker', metric: 'containersPending', operator: 'above', threshold: 1, adjustment: 1, maxNodes: 4 });
      expectError(policy, 400, 'VALIDATION_FAILED');
      expect(policy.body.details).toEqual([{ field: 'minNodes', reason: 'is required' }]);
    });

    it('says MALFORMED_REQUEST for a body that is not JSON', async () => {
      const res = await http().post('/v1/credentials').set('Authorization', tenant.auth).set('Content-Type', 'application/json').send('{"name": ');
      expectError(res, 400, 'MALFORMED_REQUEST');
      expect(res.body.details).toEqual([{ field: 'body', reason: 'malformed JSON' }]);
    });
  });

  describe('401 and 403', () => {
    it('challenges with Bearer on every 401, and says invalid_token when a key was given', async () => {
      const none = await http().get('/v1/clusters');
      expectError(none, 401, 'UNAUTHENTICATED');
      expect(none.headers['www-authenticate']).toBe(CHALLENGE);
      const unknown = await http().get('/v1/clusters').set('Authorization', 'Bearer herd_not-a-real-key-000000000000');
      expectError(unknown, 401, 'UNAUTHENTICATED');
      expect(unknown.headers['www-authenticate']).toBe(`${CHALLENGE}, error="invalid_token"`);
    });

    it('challenges node callbacks the same way', async () => {
      const report = { event: 'ready', components: [] };
      const none = await http().post('/v1/node-callbacks').send(report);
      expectError(none, 401, 'UNAUTHENTICATED');
      expect(none.headers['www-authenticate']).toBe(CHALLENGE);
      const unknown = await http().post('/v1/node-callbacks').set('Authorization', `Bearer hnc_${'x'.repeat(30)}`).send(report);
      expectError(unknown, 401, 'UNAUTHENTICATED');
      expect(unknown.headers['www-authenticate']).toBe(`${CHALLENGE}, error="invalid_token"`);
    });

    it('says FORBIDDEN with insufficient_scope when the role is too small', async () => {
      const res = await http().post('/v1/credentials').set('Authorization', `Bearer ${viewer}`).send({ name: 'nope', provider: 'sim', parameters: {} });
      expectError(res, 403, 'FORBIDDEN');
      expect(res.headers['www-authenticate']).toBe(`${CHALLENGE}, error="insufficient_scope"`);
    });
  });

  describe('404, 409, 413, 422', () => {
    it('says NOT_FOUND for an unknown route and an unknown object', async () => {
      expectError(await http().get('/v1/no-such-thing').set('Authorization', tenant.auth), 404, 'NOT_FOUND');
      expectError(await http().get(`/v1/clusters/${randomUUID()}`).set('Authorization', tenant.auth), 404, 'NOT_FOUND');
    });

    it('tells a name taken (CONFLICT) from a state that forbids the request (ILLEGAL_STATE)', async () => {
      const name = `dup-${randomUUID().slice(0, 8)}`;
      const credential = await simCredential(app, tenant, {}, name);
      const taken = await http().post('/v1/credentials').set('Authorization', tenant.auth).send({ name, provider: 'sim', parameters: {} });
      expectError(taken, 409, 'CONFLICT');
      expect(taken.body.details).toEqual([{ field: 'name', reason: expect.any(String) }]);

      const { id, operationId } = await requestCluster(app, tenant, clusterBody(credential, 1));
      await settle(app, tenant, operationId);
      const started = await http().post(`/v1/clusters/${id}/start`).set('Authorization', tenant.auth);
      expectError(started, 409, 'ILLEGAL_STATE');
      const inUse = await http().delete(`/v1/credentials/${credential}`).set('Authorization', tenant.auth);
      expectError(inUse, 409, 'ILLEGAL_STATE');
      const sameName = await http().post('/v1/clusters').set('Authorization', tenant.auth).send(clusterBody(credential, 1, { name: (await http().get(`/v1/clusters/${id}`).set('Authorization', tenant.auth)).body.name }));
      expectError(sameName, 409, 'CONFLICT');
    });

    it('says PAYLOAD_TOO_LARGE for a body beyond the limit', async () => {
      const res = await http().post('/v1/credentials').set('Authorization', tenant.auth).send({ name: 'big', provider: 'sim', parameters: { blob: 'x'.repeat(600 * 1024) } });
      expectError(res, 413, 'PAYLOAD_TOO_LARGE');
    });

    it('says QUOTA_EXCEEDED when a quota would be broken', async () => {
      const credential = await simCredential(app, tenant);
      const res = await http().post('/v1/clusters').set('Authorization', tenant.auth).send(clusterBody(credential, 8));
      expectError(res, 422, 'QUOTA_EXCEEDED');
    });
  });
});

describe('error codes of limits: 429 and 408', () => {
  let app: TestApp;
  let tenant: TestTenant;

  beforeAll(async () => {
    app = await startTestApp({ env: { HERD_RATE_LIMIT_PER_MINUTE: '2', HERD_RATE_LIMIT_BURST: '2', HERD_HTTP_REQUEST_TIMEOUT_MS: '1500', HERD_HTTP_HEADERS_TIMEOUT_MS: '1000' } });
    tenant = await app.newTenant('member');
  });
  afterAll(async () => {
    await app?.close();
  });

  it('says RATE_LIMITED with Retry-After once the bucket is empty', async () => {
    let res: request.Response | undefined;
    for (let i = 0; i < 5 && res?.status !== 429; i++) res = await request(app.baseUrl).get('/v1/clusters').set('Authorization', tenant.auth);
    expectError(res!, 429, 'RATE_LIMITED');
    expect(Number(res!.headers['retry-after'])).toBeGreaterThan(0);
  });

  it('says REQUEST_TIMEOUT, in the error shape, to a body that stops arriving', async () => {
    const { hostname, port } = new URL(app.baseUrl);
    const answer = await new Promise<string>((resolve, reject) => {
      let received = '';
      const socket = net.connect(Number(port), hostname, () =>
        socket.write(`POST /v1/credentials HTTP/1.1\r\nHost: herd\r\nAuthorization: ${tenant.auth}\r\nX-Correlation-Id: slow-client-01\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n{"na`),
      );
      const timer = setTimeout(() => reject(new Error('no answer')), 20_000);
      socket.on('data', (chunk) => (received += chunk.toString()));
      socket.on('error', () => undefined);
      socket.on('close', () => {
        clearTimeout(timer);
        resolve(received);
      });
    });
    expect(answer).toMatch(/^HTTP\/1\.1 408 Request Timeout\r\n/);
    expect(answer).toMatch(/\r\ncontent-type: application\/json/i);
    const body = JSON.parse(answer.slice(answer.indexOf('\r\n\r\n') + 4));
    expect(body).toEqual({ statusCode: 408, error: 'Request Timeout', code: 'REQUEST_TIMEOUT', message: 'The request did not arrive within 1500 ms', details: [], correlationId: 'slow-client-01' });
  });
});
