import { randomBytes } from 'node:crypto';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { JobQueues } from '../../src/queue/job-queues';
import { smallBlueprint } from '../support/blueprint-fixtures';
import { clusterBody, getCluster, requestCluster, settle, simCredential } from '../support/clusters';
import { openApiDocument } from '../support/openapi-routes';
import { startTestApp, TestApp, TestTenant } from '../support/test-app';
import { until } from '../support/until';

const IDEMPOTENCY_TTL_MS = 1500;
const unique = (prefix: string) => `${prefix}-${randomBytes(4).toString('hex')}`;

describe('the API as a contract: operation ids, Location, names, history, cancel, pages, idempotency', () => {
  let app: TestApp;
  let member: TestTenant;
  let other: TestTenant;
  let admin: TestTenant;
  let credential: string;

  const http = () => request(app.baseUrl);
  /** Follows a Location header with the same key and returns the object it points at. */
  const follow = async (location: string | undefined, auth: string) => {
    expect(location, 'Location header').toMatch(/^\/v1\//);
    return (await http().get(location!).set('Authorization', auth).expect(200)).body;
  };

  beforeAll(async () => {
    app = await startTestApp({ env: { HERD_POLL_MAX_MS: '100', HERD_IDEMPOTENCY_TTL_MS: String(IDEMPOTENCY_TTL_MS), HERD_QUOTA_CLUSTERS: '50', HERD_QUOTA_NODES: '500' } });
    member = await app.newTenant('member');
    other = await app.newTenant('member');
    admin = await app.newTenant('admin');
    credential = await simCredential(app, member);
  });
  afterAll(async () => {
    await app?.close();
  });

  it('names every operation of the document with a unique camelCase operationId of its own', async () => {
    const document = await openApiDocument(app.baseUrl);
    const ids: string[] = [];
    const bad: string[] = [];
    for (const [path, item] of Object.entries(document.paths)) {
      for (const [method, operation] of Object.entries(item)) {
        const id = operation.operationId;
        if (typeof id !== 'string' || !/^[a-z]+[A-Z][A-Za-z]*$/.test(id) || id.includes('Controller')) bad.push(`${method.toUpperCase()} ${path}: ${String(id)}`);
        ids.push(String(id));
      }
    }
    expect(bad).toEqual([]);
    expect(ids.filter((id, index) => ids.indexOf(id) !== index)).toEqual([]);
    expect(ids).toEqual(expect.arrayContaining(['createCluster', 'getCluster', 'scaleHostGroup', 'listClusterOperations', 'cancelOperation', 'getOperation', 'streamClusterEvents', 'createBlueprint']));
  });

  it('answers every 201 with a Location that resolves to what it created', async () => {
    const blueprint = await http().post('/v1/blueprints').set('Authorization', member.auth).send(smallBlueprint(unique('bp'))).expect(201);
    expect((await follow(blueprint.headers.location, member.auth)).id).toBe(blueprint.body.id);

    const created = await http().post('/v1/credentials').set('Authorization', member.auth).send({ name: unique('sim'), provider: 'sim', parameters: {} }).expect(201);
    expect(created.headers.location).toBe(`/v1/credentials/${created.body.id}`);
    expect((await follow(created.headers.location, member.auth)).id).toBe(created.body.id);

    const tenant = await http().post('/v1/tenants').set('Authorization', admin.auth).send({ name: unique('t') }).expect(201);
    expect((await follow(tenant.headers.location, admin.auth)).id).toBe(tenant.body.id);

    const key = await http().post(`/v1/tenants/${member.tenantId}/api-keys`).set('Authorization', member.auth).send({ role: 'viewer' }).expect(201);
    const keyRead = await follow(key.headers.location, member.auth);
    expect(keyRead).toMatchObject({ id: key.body.id, role: 'viewer' });
    expect(keyRead.key).toBeUndefined();
  });

  it('answers every 202 with a Location at its operation, and finds a cluster by its name', { timeout: 120_000 }, async () => {
    const body = clusterBody(credential, 1);
    const accepted = await http().post('/v1/clusters').set('Authorization', member.auth).send(body).expect(202);
    expect(accepted.headers.location).toBe(`/v1/operations/${accepted.body.operationId}`);
    expect((await follow(accepted.headers.location, member.auth)).clusterId).toBe(accepted.body.cluster.id);
    await settle(app, member, accepted.body.operationId);

    const byName = await http().get(`/v1/clusters/${body.name}`).set('Authorization', member.auth).expect(200);
    expect(byName.body.id).toBe(accepted.body.cluster.id);
    await http().get(`/v1/clusters/${body.name}`).set('Authorization', other.auth).expect(404);
    await http().put(`/v1/clusters/${body.name}/host-groups/worker`).set('Authorization', other.auth).send({ nodeCount: 2 }).expect(404);

    const policy = await http()
      .post(`/v1/clusters/${body.name}/autoscaling-policies`)
      .set('Authorization', member.auth)
      .send({ name: 'grow', hostGroup: 'worker', metric: 'containersPending', operator: 'above', threshold: 10, adjustment: 1, minNodes: 1, maxNodes: 3, enabled: false })
      .expect(201);
    expect((await follow(policy.headers.location, member.auth)).id).toBe(policy.body.id);

    const scaled = await http().put(`/v1/clusters/${body.name}/host-groups/worker`).set('Authorization', member.auth).send({ nodeCount: 2 }).expect(202);
    expect((await follow(scaled.headers.location, member.auth)).type).toBe('scale');
    expect(await settle(app, member, scaled.body.operationId)).toMatchObject({ status: 'succeeded' });

    const history = await http().get(`/v1/clusters/${body.name}/operations`).set('Authorization', member.auth).expect(200);
    expect(history.body).toMatchObject({ total: 2, limit: 20, offset: 0 });
    expect(history.body.items.map((operation: { type: string; status: string }) => `${operation.type} ${operation.status}`)).toEqual(['scale succeeded', 'create succeeded']);
    for (const operation of history.body.items) {
      expect(operation.percent).toBe(100);
      expect(Date.parse(operation.createdAt)).toBeLessThanOrEqual(Date.parse(operation.startedAt));
      expect(operation.durationMs).toBe(Date.parse(operation.finishedAt) - Date.parse(operation.startedAt));
    }
    await http().get(`/v1/clusters/${body.name}/operations`).set('Authorization', other.auth).expect(404);

    const finished = await http().post(`/v1/operations/${scaled.body.operationId}/cancel`).set('Authorization', member.auth).expect(409);
    expect(finished.body.message).toContain('already succeeded');

    const deleting = await http().delete(`/v1/clusters/${body.name}`).set('Authorization', other.auth).expect(404);
    expect(deleting.body.statusCode).toBe(404);
    const deleted = await http().delete(`/v1/clusters/${body.name}`).set('Authorization', member.auth).expect(202);
    const teardown = await http().post(`/v1/operations/${deleted.body.operationId}/cancel`).set('Authorization', member.auth);
    expect(teardown.status === 409 && /teardown|already/.test(teardown.body.message), JSON.stringify(teardown.body)).toBe(true);
    expect(await settle(app, member, deleted.body.operationId)).toMatchObject({ status: 'succeeded' });
    await http().get(`/v1/clusters/${body.name}`).set('Authorization', member.auth).expect(404);
    expect((await getCluster(app, member, accepted.body.cluster.id)).status).toBe('DELETED');
  });

  it('cancels a create by tearing the cluster down, and a queued scale by restoring the old sizes', { timeout: 120_000 }, async () => {
    const slow = await simCredential(app, member, { latencyMs: 150 });
    const { id, operationId } = await requestCluster(app, member, clusterBody(slow, 1));
    const cancelled = await http().post(`/v1/operations/${operationId}/cancel`).set('Authorization', member.auth).expect(202);
    expect(cancelled.headers.location).toBe(`/v1/operations/${operationId}`);
    expect(cancelled.body).toMatchObject({ id: operationId, status: 'cancelled' });
    const gone = await until(`cluster ${id} DELETED`, () => getCluster(app, member, id), (cluster) => cluster.status === 'DELETED', 60_000);
    expect(gone.status).toBe('DELETED');
    const events = await http().get(`/v1/clusters/${id}/events`).set('Authorization', member.auth).query({ limit: 100 }).expect(200);
    expect(events.body.items.some((event: { operationId: string; data: { status?: string } }) => event.operationId === operationId && event.data.status === 'cancelled')).toBe(true);

    const ready = await requestCluster(app, member, clusterBody(credential, 1));
    await settle(app, member, ready.operationId);
    const operations = app.herd.context.get(JobQueues).queue('operations');
    await operations.pause();
    try {
      const scale = await http().put(`/v1/clusters/${ready.id}/host-groups/worker`).set('Authorization', member.auth).send({ nodeCount: 3 }).expect(202);
      const withdrawn = await http().post(`/v1/operations/${scale.body.operationId}/cancel`).set('Authorization', member.auth).expect(202);
      expect(withdrawn.body).toMatchObject({ status: 'cancelled', error: 'Cancelled on request before it started' });
      const cluster = await getCluster(app, member, ready.id);
      expect(cluster.status).toBe('AVAILABLE');
      expect(cluster.hostGroups.find((group: { name: string }) => group.name === 'worker').nodeCount).toBe(1);
    } finally {
      await operations.resume();
    }
    const deleted = await http().delete(`/v1/clusters/${ready.id}`).set('Authorization', member.auth).expect(202);
    await settle(app, member, deleted.body.operationId);
  });

  it('tags clusters, credentials and quotas with an ETag and refuses a write with a stale If-Match', { timeout: 60_000 }, async () => {
    const { id, operationId } = await requestCluster(app, member, clusterBody(credential, 1));
    await settle(app, member, operationId);
    const read = await http().get(`/v1/clusters/${id}`).set('Authorization', member.auth).expect(200);
    expect(read.headers.etag).toBe(`"${read.body.version}"`);
    const stale = await http().put(`/v1/clusters/${id}/host-groups/worker`).set('Authorization', member.auth).set('If-Match', `"${read.body.version - 1}"`).send({ nodeCount: 2 }).expect(412);
    expect(stale.body).toMatchObject({ statusCode: 412, error: 'Precondition Failed' });
    const unchanged = await http().get(`/v1/clusters/${id}`).set('Authorization', member.auth).expect(200);
    expect(unchanged.headers.etag).toBe(read.headers.etag);
    expect(unchanged.body.hostGroups.find((group: { name: string }) => group.name === 'worker').nodeCount).toBe(1);
    const scaled = await http().put(`/v1/clusters/${id}/host-groups/worker`).set('Authorization', member.auth).set('If-Match', read.headers.etag).send({ nodeCount: 2 }).expect(202);
    expect(scaled.headers.etag).toBe(`"${scaled.body.cluster.version}"`);
    expect(scaled.headers.etag).not.toBe(read.headers.etag);
    await settle(app, member, scaled.body.operationId);
    await http().delete(`/v1/clusters/${id}`).set('Authorization', member.auth).set('If-Match', read.headers.etag).expect(412);
    const deleted = await http().delete(`/v1/clusters/${id}`).set('Authorization', member.auth).set('If-Match', '*').expect(202);
    await settle(app, member, deleted.body.operationId);

    const made = await http().post('/v1/credentials').set('Authorization', member.auth).send({ name: unique('sim'), provider: 'sim', parameters: { latencyMs: 1 } }).expect(201);
    const path = `/v1/credentials/${made.body.id}`;
    const first = await http().get(path).set('Authorization', member.auth).expect(200);
    expect(first.headers.etag).toMatch(/^"\d+"$/);
    await new Promise((resolve) => setTimeout(resolve, 5));
    const updated = await http().patch(path).set('Authorization', member.auth).set('If-Match', first.headers.etag).send({ parameters: { latencyMs: 2 } }).expect(200);
    expect(updated.headers.etag).not.toBe(first.headers.etag);
    await http().patch(path).set('Authorization', member.auth).set('If-Match', first.headers.etag).send({ parameters: { latencyMs: 3 } }).expect(412);
    await http().delete(path).set('Authorization', member.auth).set('If-Match', first.headers.etag).expect(412);
    const now = await http().get(path).set('Authorization', member.auth).expect(200);
    expect(now.body.parameters.latencyMs).toBe(2);
    expect(now.headers.etag).toBe(updated.headers.etag);
    await http().delete(path).set('Authorization', member.auth).set('If-Match', updated.headers.etag).expect(204);

    const quotas = `/v1/tenants/${other.tenantId}/quotas`;
    const before = await http().get(quotas).set('Authorization', admin.auth).expect(200);
    expect(before.headers.etag).toMatch(/^".+"$/);
    const set = await http().put(quotas).set('Authorization', admin.auth).set('If-Match', before.headers.etag).send({ clusters: 4, nodes: 40, nodesPerCluster: 10 }).expect(200);
    expect(set.headers.etag).not.toBe(before.headers.etag);
    await http().put(quotas).set('Authorization', admin.auth).set('If-Match', before.headers.etag).send({ clusters: 1, nodes: 1, nodesPerCluster: 1 }).expect(412);
    await http().delete(quotas).set('Authorization', admin.auth).set('If-Match', before.headers.etag).expect(412);
    expect((await http().get(quotas).set('Authorization', admin.auth).expect(200)).body.limits).toEqual({ clusters: 4, nodes: 40, nodesPerCluster: 10 });
    await http().delete(quotas).set('Authorization', admin.auth).set('If-Match', set.headers.etag).expect(200);
  });

  it('answers every list in one page shape', async () => {
    const { id } = await requestCluster(app, member, clusterBody(credential, 1));
    const lists: [string, string][] = [
      ['/v1/clusters', member.auth],
      ['/v1/blueprints', member.auth],
      ['/v1/credentials', member.auth],
      ['/v1/stacks', member.auth],
      ['/v1/providers', member.auth],
      [`/v1/tenants/${member.tenantId}/api-keys`, member.auth],
      ['/v1/tenants', admin.auth],
      ['/v1/audit', admin.auth],
      [`/v1/clusters/${id}/events`, member.auth],
      [`/v1/clusters/${id}/operations`, member.auth],
      [`/v1/clusters/${id}/autoscaling-policies`, member.auth],
    ];
    for (const [path, auth] of lists) {
      const page = await http().get(path).set('Authorization', auth).query({ limit: 1, offset: 0 }).expect(200);
      expect(Object.keys(page.body).sort(), path).toEqual(['items', 'limit', 'offset', 'total']);
      expect(page.body, path).toMatchObject({ limit: 1, offset: 0 });
      expect(page.body.items.length, path).toBeLessThanOrEqual(1);
      const refused = await http().get(path).set('Authorization', auth).query({ limit: 0 }).expect(400);
      expect(refused.body.details[0].field, path).toBe('limit');
    }
  });

  it('forgets an Idempotency-Key once it is older than HERD_IDEMPOTENCY_TTL_MS', { timeout: 60_000 }, async () => {
    const key = unique('idem');
    const first = clusterBody(credential, 1);
    const post = (body: Record<string, unknown>) => http().post('/v1/clusters').set('Authorization', member.auth).set('Idempotency-Key', key).send(body);
    const created = await post(first).expect(202);
    expect((await post(first).expect(202)).body.cluster.id).toBe(created.body.cluster.id);
    await post(clusterBody(credential, 1)).expect(409);
    await new Promise((resolve) => setTimeout(resolve, IDEMPOTENCY_TTL_MS + 200));
    const second = await post(clusterBody(credential, 1)).expect(202);
    expect(second.body.cluster.id).not.toBe(created.body.cluster.id);
  });
});
