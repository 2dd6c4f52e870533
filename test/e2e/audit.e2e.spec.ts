import { randomUUID } from 'node:crypto';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { clusterBody, simCredential } from '../support/clusters';
import { startTestApp, TestApp, TestTenant } from '../support/test-app';

interface Entry {
  tenantId: string | null;
  apiKeyId: string | null;
  keyPrefix: string | null;
  method: string;
  route: string | null;
  path: string;
  targetId: string | null;
  status: number;
  correlationId: string;
}

describe('audit log', () => {
  let app: TestApp;
  let admin: TestTenant;
  let member: TestTenant;
  const http = () => request(app.baseUrl);
  const correlation = () => `audit-${randomUUID()}`;

  /** Entries are written once the answer is sent, so wait for the one a request left. */
  async function entryFor(correlationId: string): Promise<Entry> {
    for (let attempt = 0; attempt < 50; attempt++) {
      const [row] = await app.db.query(`SELECT id FROM audit_log WHERE correlation_id = $1`, [correlationId]);
      if (row) {
        const page = await http().get(`/v1/audit?limit=100`).set('Authorization', admin.auth).expect(200);
        const entry = page.body.items.find((e: Entry) => e.correlationId === correlationId);
        if (entry) return entry;
      }
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    throw new Error(`no audit entry for ${correlationId}`);
  }

  beforeAll(async () => {
    app = await startTestApp();
    admin = await app.newTenant('admin');
    member = await app.newTenant('member');
  });
  afterAll(async () => {
    await app.close();
  });

  it('records a successful write: who, what, the object created and the result', async () => {
    const id = correlation();
    const created = await http().post('/v1/tenants').set('Authorization', admin.auth).set('X-Correlation-Id', id).send({ name: 'audited-team' }).expect(201);
    const entry = await entryFor(id);
    expect(entry).toMatchObject({
      tenantId: admin.tenantId,
      keyPrefix: admin.key.slice(0, 12),
      method: 'POST',
      route: '/v1/tenants',
      path: '/v1/tenants',
      targetId: created.body.id,
      status: 201,
      correlationId: id,
    });
    expect(entry.apiKeyId).toEqual(expect.any(String));
    expect(JSON.stringify(entry)).not.toContain('audited-team');
    expect(JSON.stringify(entry)).not.toContain(admin.key);
  });

  it('records refusals: no key, wrong role, unknown route, malformed body', async () => {
    const unauthenticated = correlation();
    await http().post('/v1/tenants').set('X-Correlation-Id', unauthenticated).send({ name: 'x' }).expect(401);
    expect(await entryFor(unauthenticated)).toMatchObject({ tenantId: null, keyPrefix: null, route: '/v1/tenants', status: 401 });

    const viewer = `Bearer ${await member.keyWithRole('viewer')}`;
    const keyId = randomUUID();
    const forbidden = correlation();
    await http().delete(`/v1/tenants/${member.tenantId}/api-keys/${keyId}`).set('Authorization', viewer).set('X-Correlation-Id', forbidden).expect(403);
    expect(await entryFor(forbidden)).toMatchObject({ tenantId: member.tenantId, method: 'DELETE', route: '/v1/tenants/:id/api-keys/:keyId', targetId: keyId, status: 403 });

    const unknown = correlation();
    await http().put('/v1/no/such/route').set('Authorization', member.auth).set('X-Correlation-Id', unknown).send({}).expect(404);
    expect(await entryFor(unknown)).toMatchObject({ route: null, path: '/v1/no/such/route', targetId: null, status: 404 });

    const malformed = correlation();
    await http().post('/v1/tenants').set('Authorization', admin.auth).set('X-Correlation-Id', malformed).set('Content-Type', 'application/json').send('{"name": "secret-in-body').expect(400);
    const entry = await entryFor(malformed);
    expect(entry).toMatchObject({ method: 'POST', path: '/v1/tenants', status: 400 });
    expect(JSON.stringify(entry)).not.toContain('secret-in-body');
  });

  it('names the cluster an accepted create made as its target', async () => {
    const id = correlation();
    const credential = await simCredential(app, member);
    const accepted = await http().post('/v1/clusters').set('Authorization', member.auth).set('X-Correlation-Id', id).send(clusterBody(credential)).expect(202);
    expect(await entryFor(id)).toMatchObject({ route: '/v1/clusters', status: 202, targetId: accepted.body.cluster.id });
  });

  it('does not record reads', async () => {
    const id = correlation();
    await http().get('/v1/me').set('Authorization', member.auth).set('X-Correlation-Id', id).expect(200);
    await http().post('/v1/tenants').set('Authorization', admin.auth).send({ name: 'after-the-read' }).expect(201);
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(await app.db.query(`SELECT 1 FROM audit_log WHERE correlation_id = $1`, [id])).toHaveLength(0);
  });

  it('is readable by admins only, filtered by tenant and paginated', async () => {
    await http().get('/v1/audit').set('Authorization', member.auth).expect(403);
    const mine = correlation();
    await http().post(`/v1/tenants/${member.tenantId}/api-keys`).set('Authorization', member.auth).set('X-Correlation-Id', mine).send({ role: 'viewer' }).expect(201);
    await entryFor(mine);
    const filtered = await http().get(`/v1/audit?tenantId=${member.tenantId}&limit=100`).set('Authorization', admin.auth).expect(200);
    expect(filtered.body.items.length).toBeGreaterThan(0);
    expect(filtered.body.items.every((e: Entry) => e.tenantId === member.tenantId)).toBe(true);
    const created = filtered.body.items.find((e: Entry) => e.correlationId === mine);
    expect(created).toMatchObject({ route: '/v1/tenants/:id/api-keys', status: 201, targetId: expect.any(String) });
    expect(created.targetId).not.toBe(member.tenantId);
    const page = await http().get('/v1/audit?limit=1&offset=1').set('Authorization', admin.auth).expect(200);
    expect(page.body).toMatchObject({ limit: 1, offset: 1, items: [expect.any(Object)] });
    expect(page.body.total).toBeGreaterThan(3);
    await http().get('/v1/audit?tenantId=nope').set('Authorization', admin.auth).expect(400);
  });
});
