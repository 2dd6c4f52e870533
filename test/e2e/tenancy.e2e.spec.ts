import { randomUUID } from 'node:crypto';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashApiKey } from '../../src/modules/tenancy/api-key-hash';
import { createForeignObjects, ForeignObject, foreignObjectFor } from '../support/foreign-objects';
import { createIsolatedDatabase, databaseFingerprint, IsolatedDatabase } from '../support/isolated-database';
import { describeRoute, DocumentedRoute, documentedRoutes, pathOf } from '../support/openapi-routes';
import { startTestApp, TestApp, TestTenant } from '../support/test-app';

const ADMIN_KEY = 'herd_test_bootstrap_admin_key_0123456789';
const ADMIN = `Bearer ${ADMIN_KEY}`;

/** Routes open without a key: a new one must be added here on purpose. */
/** Routes without an API key: probes, and the node callback, which authenticates with a per-node token instead. */
const PUBLIC_ROUTES = ['GET /health', 'GET /ready', 'POST /v1/node-callbacks'];

/** Bodies that pass validation, so a cross-tenant request is refused for the id and not the body. */
const VALID_BODIES: Record<string, object> = {
  'POST /v1/tenants/{id}/api-keys': { role: 'viewer' },
  'PUT /v1/tenants/{id}/quotas': { clusters: 1, nodes: 1, nodesPerCluster: 1 },
  'POST /v1/tenants': { name: 'never-created' },
  'PATCH /v1/credentials/{idOrName}': { parameters: {} },
};

describe('tenancy: tenants, keys and roles', () => {
  let database: IsolatedDatabase;
  let app: TestApp;
  let routes: DocumentedRoute[];
  let a: TestTenant;
  let b: TestTenant;
  let bName: string;
  let bKeyId: string;
  let bKeyPrefix: string;
  let bObjects: ForeignObject[];
  const http = () => request(app.baseUrl);

  beforeAll(async () => {
    database = await createIsolatedDatabase('tenancy');
    app = await startTestApp({ env: { DATABASE_URL: database.url, HERD_BOOTSTRAP_ADMIN_KEY: ADMIN_KEY } });
    routes = await documentedRoutes(app.baseUrl);
    a = await app.newTenant('member');
    b = await app.newTenant('member');
    [{ name: bName }] = await app.db.query(`SELECT name FROM tenants WHERE id = $1`, [b.tenantId]);
    [{ id: bKeyId, key_prefix: bKeyPrefix }] = await app.db.query(`SELECT id, key_prefix FROM api_keys WHERE tenant_id = $1`, [b.tenantId]);
    bObjects = await createForeignObjects(app.baseUrl, routes, b.auth);
  });
  afterAll(async () => {
    await app?.close();
    await database?.drop();
  });

  describe('on every documented route', () => {
    const guarded = () => routes.filter((route) => !route.public);

    it('covers the tenancy routes', () => {
      const names = routes.map(describeRoute);
      for (const expected of ['POST /v1/tenants', 'GET /v1/tenants', 'GET /v1/tenants/{id}', 'POST /v1/tenants/{id}/api-keys', 'GET /v1/tenants/{id}/api-keys', 'DELETE /v1/tenants/{id}/api-keys/{keyId}', 'GET /v1/me', 'GET /v1/tenants/{id}/quotas', 'PUT /v1/tenants/{id}/quotas', 'GET /v1/audit']) {
        expect(names).toContain(expected);
      }
      expect(routes.filter((route) => route.public).map(describeRoute).sort()).toEqual(PUBLIC_ROUTES);
    });

    it('answers 401 without a key, with an unknown key and with a malformed header', async () => {
      for (const route of guarded()) {
        const path = pathOf(route, () => randomUUID());
        for (const auth of [undefined, 'Bearer herd_not-a-key-at-all', 'Basic dXNlcjpwYXNz', `Bearer ${'x'.repeat(600)}`]) {
          const req = http()[route.method.toLowerCase() as 'get'](path);
          if (auth) req.set('Authorization', auth);
          const res = await req.send(route.method === 'GET' ? undefined : {});
          expect(res.status, `${describeRoute(route)} with ${auth ?? 'no key'}`).toBe(401);
          expect(res.body).toMatchObject({ statusCode: 401, error: 'Unauthorized', details: [] });
          expect(typeof res.body.correlationId).toBe('string');
        }
      }
    });

    it('answers 403 to a viewer on every write and to a member on every admin route', async () => {
      const viewer = `Bearer ${await a.keyWithRole('viewer')}`;
      const before = await databaseFingerprint(app.db);
      let checked = 0;
      for (const route of guarded()) {
        const path = pathOf(route, (param) => (param === 'id' && route.template.startsWith('/v1/tenants/') ? a.tenantId : randomUUID()));
        const body = VALID_BODIES[describeRoute(route)] ?? {};
        if (route.method !== 'GET' && route.role !== 'viewer') {
          const res = await http()[route.method.toLowerCase() as 'post'](path).set('Authorization', viewer).send(body);
          expect(res.status, `viewer: ${describeRoute(route)}`).toBe(403);
          checked++;
        }
        if (route.role === 'admin') {
          const res = await http()[route.method.toLowerCase() as 'post'](path).set('Authorization', a.auth).send(route.method === 'GET' ? undefined : body);
          expect(res.status, `member: ${describeRoute(route)}`).toBe(403);
          expect(res.body.message).toMatch(/needs the admin role/);
          checked++;
        }
      }
      expect(checked).toBeGreaterThanOrEqual(6);
      expect(await databaseFingerprint(app.db)).toEqual(before);
    });

    it("answers 404 and reveals nothing when tenant A uses tenant B's ids and names", async () => {
      const before = await databaseFingerprint(app.db);
      const aimAt = (route: DocumentedRoute, by: 'id' | 'name') => (param: string) => {
        if (route.template.startsWith('/v1/tenants/') && param === 'id') return b.tenantId;
        if (param === 'keyId') return bKeyId;
        const object = foreignObjectFor(route, param, bObjects);
        return object ? object[by] : randomUUID();
      };
      let checked = 0;
      for (const route of guarded().filter((r) => r.pathParams.length > 0 && r.role !== 'admin')) {
        for (const by of ['id', 'name'] as const) {
          if (by === 'name' && !route.pathParams.some((param) => foreignObjectFor(route, param, bObjects))) continue;
          const known = VALID_BODIES[describeRoute(route)];
          const res = await http()[route.method.toLowerCase() as 'post'](pathOf(route, aimAt(route, by)))
            .set('Authorization', a.auth)
            .send(route.method === 'GET' ? undefined : (known ?? {}));
          // A body this test cannot know may be refused (400) before the id is looked up.
          const acceptable = known || !route.bodySchema ? [404] : [400, 404];
          expect(acceptable, `${describeRoute(route)} by ${by} answered ${res.status}`).toContain(res.status);
          for (const secret of [bName, bKeyPrefix, ...bObjects.map((o) => (by === 'id' ? o.name : o.id))]) expect(res.text).not.toContain(secret);
          checked++;
        }
      }
      expect(checked).toBeGreaterThanOrEqual(5);
      expect(await databaseFingerprint(app.db)).toEqual(before);
      // B still sees its own objects: the 404s were about A, not about missing objects.
      for (const object of bObjects) await http().get(`${object.collection}/${object.id}`).set('Authorization', b.auth).expect(200);
    });
  });

  describe('tenants (admin API)', () => {
    it('creates a tenant, refuses a duplicate and a bad name', async () => {
      const created = await http().post('/v1/tenants').set('Authorization', ADMIN).send({ name: 'analytics' }).expect(201);
      expect(created.body).toEqual({ id: expect.any(String), name: 'analytics', createdAt: expect.any(String) });
      const duplicate = await http().post('/v1/tenants').set('Authorization', ADMIN).send({ name: 'analytics' }).expect(409);
      expect(duplicate.body.details).toEqual([{ field: 'name', reason: 'is already taken' }]);
      for (const name of ['', 'Upper', '-dash', 'a'.repeat(64), 'x y', 42, null, ['a']]) {
        const bad = await http().post('/v1/tenants').set('Authorization', ADMIN).send({ name }).expect(400);
        expect(bad.body.details[0].field).toBe('name');
      }
      await http().post('/v1/tenants').set('Authorization', ADMIN).send({ name: 'ok', extra: 1 }).expect(400);
    });

    it('lists tenants page by page', async () => {
      const first = await http().get('/v1/tenants?limit=2&offset=0').set('Authorization', ADMIN).expect(200);
      expect(first.body.items).toHaveLength(2);
      expect(first.body).toMatchObject({ limit: 2, offset: 0 });
      expect(first.body.total).toBeGreaterThanOrEqual(4);
      const second = await http().get('/v1/tenants?limit=2&offset=2').set('Authorization', ADMIN).expect(200);
      expect(second.body.items[0].id).not.toBe(first.body.items[0].id);
      const all = await http().get('/v1/tenants?limit=100').set('Authorization', ADMIN).expect(200);
      expect(all.body.items.map((t: { name: string }) => t.name)).toContain('default');
      for (const query of ['limit=0', 'limit=101', 'limit=abc', 'offset=-1', 'limit=1&limit=2']) {
        await http().get(`/v1/tenants?${query}`).set('Authorization', ADMIN).expect(400);
      }
    });

    it('shows a member its own tenant and no other', async () => {
      const own = await http().get(`/v1/tenants/${a.tenantId}`).set('Authorization', a.auth).expect(200);
      expect(own.body.id).toBe(a.tenantId);
      await http().get(`/v1/tenants/${b.tenantId}`).set('Authorization', a.auth).expect(404);
      await http().get(`/v1/tenants/not-a-uuid`).set('Authorization', a.auth).expect(404);
      await http().get(`/v1/tenants/${b.tenantId}`).set('Authorization', ADMIN).expect(200);
      await http().get(`/v1/tenants/${randomUUID()}`).set('Authorization', ADMIN).expect(404);
    });
  });

  describe('API keys', () => {
    it('shows a new key once, stores only its hash, and the key works', async () => {
      const created = await http().post(`/v1/tenants/${a.tenantId}/api-keys`).set('Authorization', ADMIN).send({ role: 'viewer' }).expect(201);
      const secret: string = created.body.key;
      expect(secret).toMatch(/^herd_/);
      expect(created.body).toMatchObject({ tenantId: a.tenantId, role: 'viewer', status: 'active', prefix: secret.slice(0, 12), expiresAt: null });
      const [row] = await app.db.query(`SELECT * FROM api_keys WHERE id = $1`, [created.body.id]);
      expect(row.key_hash).toBe(hashApiKey(secret));
      expect(JSON.stringify(row)).not.toContain(secret);
      const listed = await http().get(`/v1/tenants/${a.tenantId}/api-keys?limit=100`).set('Authorization', a.auth).expect(200);
      expect(listed.text).not.toContain(secret);
      const entry = listed.body.items.find((k: { id: string }) => k.id === created.body.id);
      expect(entry).toEqual({ ...created.body, key: undefined });
      expect(Object.keys(entry)).not.toContain('key');
      const me = await http().get('/v1/me').set('Authorization', `Bearer ${secret}`).expect(200);
      expect(me.body).toEqual({ tenant: { id: a.tenantId, name: expect.any(String) }, role: 'viewer', key: { id: created.body.id, prefix: secret.slice(0, 12), expiresAt: null } });
    });

    it('lets a member create viewer and member keys for its own tenant only', async () => {
      await http().post(`/v1/tenants/${a.tenantId}/api-keys`).set('Authorization', a.auth).send({ role: 'member' }).expect(201);
      const admin = await http().post(`/v1/tenants/${a.tenantId}/api-keys`).set('Authorization', a.auth).send({ role: 'admin' }).expect(403);
      expect(admin.body.details).toEqual([{ field: 'role', reason: "exceeds the caller's role (member)" }]);
      await http().post(`/v1/tenants/${b.tenantId}/api-keys`).set('Authorization', a.auth).send({ role: 'viewer' }).expect(404);
      await http().post(`/v1/tenants/${b.tenantId}/api-keys`).set('Authorization', ADMIN).send({ role: 'admin' }).expect(201);
    });

    it('validates role and expiry', async () => {
      const path = `/v1/tenants/${a.tenantId}/api-keys`;
      const cases: [object, string][] = [
        [{ role: 'root' }, 'role'],
        [{}, 'role'],
        [{ role: 'viewer', expiresAt: 'tomorrow' }, 'expiresAt'],
        [{ role: 'viewer', expiresAt: '2001-01-01T00:00:00Z' }, 'expiresAt'],
        [{ role: 'viewer', expiresAt: '+275760-09-13T00:00:00Z' }, 'expiresAt'],
        [{ role: 'viewer', expiresAt: 12 }, 'expiresAt'],
      ];
      for (const [body, field] of cases) {
        const res = await http().post(path).set('Authorization', a.auth).send(body);
        expect(res.status, JSON.stringify(body)).toBe(400);
        expect(res.body.details[0].field).toBe(field);
      }
    });

    it('refuses revoked and expired keys with 401', async () => {
      const doomed = await http().post(`/v1/tenants/${a.tenantId}/api-keys`).set('Authorization', a.auth).send({ role: 'viewer' }).expect(201);
      const auth = `Bearer ${doomed.body.key}`;
      await http().get('/v1/me').set('Authorization', auth).expect(200);
      await http().delete(`/v1/tenants/${a.tenantId}/api-keys/${doomed.body.id}`).set('Authorization', a.auth).expect(204);
      const revoked = await http().get('/v1/me').set('Authorization', auth).expect(401);
      expect(revoked.body.message).toBe('The API key is unknown, revoked or expired');
      await http().delete(`/v1/tenants/${a.tenantId}/api-keys/${doomed.body.id}`).set('Authorization', a.auth).expect(204);
      const listed = await http().get(`/v1/tenants/${a.tenantId}/api-keys?limit=100`).set('Authorization', a.auth).expect(200);
      expect(listed.body.items.find((k: { id: string }) => k.id === doomed.body.id).status).toBe('revoked');

      const soon = new Date(Date.now() + 60_000).toISOString();
      const expiring = await http().post(`/v1/tenants/${a.tenantId}/api-keys`).set('Authorization', a.auth).send({ role: 'viewer', expiresAt: soon }).expect(201);
      expect(expiring.body.expiresAt).toBe(soon);
      // Changed behind herd's back, before the key is first used: a key row once read is reused for a few seconds.
      await app.db.query(`UPDATE api_keys SET expires_at = now() - interval '1 second' WHERE id = $1`, [expiring.body.id]);
      await http().get('/v1/me').set('Authorization', `Bearer ${expiring.body.key}`).expect(401);
    });

    it("refuses a member revoking an admin key, and another tenant's key is not found", async () => {
      const adminOfA = await http().post(`/v1/tenants/${a.tenantId}/api-keys`).set('Authorization', ADMIN).send({ role: 'admin' }).expect(201);
      await http().delete(`/v1/tenants/${a.tenantId}/api-keys/${adminOfA.body.id}`).set('Authorization', a.auth).expect(403);
      await http().delete(`/v1/tenants/${a.tenantId}/api-keys/${bKeyId}`).set('Authorization', a.auth).expect(404);
      await http().delete(`/v1/tenants/${a.tenantId}/api-keys/${bKeyId}`).set('Authorization', ADMIN).expect(404);
      await http().get('/v1/me').set('Authorization', b.auth).expect(200);
      await http().delete(`/v1/tenants/${a.tenantId}/api-keys/${adminOfA.body.id}`).set('Authorization', ADMIN).expect(204);
    });

    it('registers the bootstrap admin key for the default tenant', async () => {
      const me = await http().get('/v1/me').set('Authorization', ADMIN).expect(200);
      expect(me.body).toMatchObject({ tenant: { name: 'default' }, role: 'admin', key: { prefix: ADMIN_KEY.slice(0, 12) } });
    });
  });
});
