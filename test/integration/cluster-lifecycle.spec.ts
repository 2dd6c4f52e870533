import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, TestApp, TestTenant } from '../support/test-app';
import { clusterBody, drain, getCluster, nodeCount, requestCluster, settle, simCredential, simNodeNames } from '../support/clusters';

describe('cluster lifecycle on sim, through the API and real workers', () => {
  let app: TestApp;
  let tenant: TestTenant;
  let credential: string;

  beforeAll(async () => {
    app = await startTestApp({ env: { HERD_POLL_MAX_MS: '100', HERD_QUOTA_CLUSTERS: '100', HERD_QUOTA_NODES: '1000' } });
    tenant = await app.newTenant();
    credential = await simCredential(app, tenant, { latencyMs: 5 });
  });
  afterAll(async () => {
    await app?.close();
  });

  it('creates a cluster that becomes AVAILABLE with its nodes, components and endpoints', async () => {
    const { id, operationId } = await requestCluster(app, tenant, clusterBody(credential, 2));
    const operation = await settle(app, tenant, operationId);
    expect(operation).toMatchObject({ status: 'succeeded', percent: 100, error: null, type: 'create' });

    const cluster = await getCluster(app, tenant, id);
    expect(cluster.status).toBe('AVAILABLE');
    expect(cluster.health).toBe('HEALTHY');
    expect(cluster.statusReason).toBe('Running as requested');
    expect(nodeCount(cluster)).toBe(3);
    const master = cluster.hostGroups.find((group: { name: string }) => group.name === 'master').nodes[0];
    expect(master.status).toBe('RUNNING');
    expect(master.providerId).toMatch(/^sim-/);
    expect(master.addresses.private).toMatch(/^10\./);
    expect(master.components.map((component: { name: string }) => component.name)).toContain('NAMENODE');
    expect(master.components.every((component: { status: string; endpoint: string }) => component.status === 'running' && component.endpoint.startsWith('http'))).toBe(true);
    expect(await simNodeNames(app, id)).toEqual(cluster.hostGroups.flatMap((group: { nodes: { name: string }[] }) => group.nodes.map((node) => node.name)).sort());

    const events = await request(app.baseUrl).get(`/v1/clusters/${id}/events?limit=500`).set('Authorization', tenant.auth).expect(200);
    const messages: string[] = events.body.items.map((event: { message: string }) => event.message);
    expect(messages[0]).toMatch(/requested/);
    expect(messages.some((message) => /Status REQUESTED -> PROVISIONING/.test(message))).toBe(true);
    expect(messages.some((message) => /Launching 3 nodes/.test(message))).toBe(true);
    expect(messages.some((message) => /Cluster verified: 2\/2 DataNodes live, 2\/2 NodeManagers active/.test(message))).toBe(true);
    expect(messages.at(-1)).toMatch(/Status PROVISIONING -> AVAILABLE/);
    const ids = events.body.items.map((event: { id: string }) => Number(event.id));
    expect([...ids].sort((a, b) => a - b)).toEqual(ids);
    await drain(app);
  });

  it('scales a host group up and down, and the sim holds exactly the nodes asked for', async () => {
    const { id, operationId } = await requestCluster(app, tenant, clusterBody(credential, 1));
    await settle(app, tenant, operationId);

    const up = await request(app.baseUrl).put(`/v1/clusters/${id}/host-groups/worker`).set('Authorization', tenant.auth).send({ nodeCount: 4 }).expect(202);
    expect(up.body.cluster.status).toBe('UPDATING');
    expect(await settle(app, tenant, up.body.operationId)).toMatchObject({ status: 'succeeded' });
    let cluster = await getCluster(app, tenant, id);
    expect(cluster.status).toBe('AVAILABLE');
    expect(cluster.hostGroups.find((group: { name: string }) => group.name === 'worker').nodeCount).toBe(4);
    expect(await simNodeNames(app, id)).toHaveLength(5);

    const down = await request(app.baseUrl).put(`/v1/clusters/${id}/host-groups/worker`).set('Authorization', tenant.auth).send({ nodeCount: 2 }).expect(202);
    await settle(app, tenant, down.body.operationId);
    cluster = await getCluster(app, tenant, id);
    expect(cluster.status).toBe('AVAILABLE');
    const names = await simNodeNames(app, id);
    expect(names).toHaveLength(3);
    expect(names.filter((name) => name.includes('-worker-'))).toEqual([expect.stringMatching(/-worker-0$/), expect.stringMatching(/-worker-1$/)]);
    expect(nodeCount(cluster)).toBe(3);
  });

  it('stops and starts a cluster', async () => {
    const { id, operationId } = await requestCluster(app, tenant, clusterBody(credential, 1));
    await settle(app, tenant, operationId);
    const stop = await request(app.baseUrl).post(`/v1/clusters/${id}/stop`).set('Authorization', tenant.auth).expect(202);
    expect(stop.body.cluster.status).toBe('STOPPING');
    expect(await settle(app, tenant, stop.body.operationId)).toMatchObject({ status: 'succeeded' });
    let cluster = await getCluster(app, tenant, id);
    expect(cluster.status).toBe('STOPPED');
    expect(cluster.hostGroups.flatMap((group: { nodes: { status: string }[] }) => group.nodes.map((node) => node.status))).toEqual(['STOPPED', 'STOPPED']);

    const start = await request(app.baseUrl).post(`/v1/clusters/${id}/start`).set('Authorization', tenant.auth).expect(202);
    expect(await settle(app, tenant, start.body.operationId)).toMatchObject({ status: 'succeeded' });
    cluster = await getCluster(app, tenant, id);
    expect(cluster.status).toBe('AVAILABLE');
    expect(cluster.hostGroups.flatMap((group: { nodes: { status: string }[] }) => group.nodes.map((node) => node.status))).toEqual(['RUNNING', 'RUNNING']);
  });

  it('deletes a cluster and leaves nothing in the sim', async () => {
    const { id, operationId } = await requestCluster(app, tenant, clusterBody(credential, 2));
    await settle(app, tenant, operationId);
    const deleted = await request(app.baseUrl).delete(`/v1/clusters/${id}`).set('Authorization', tenant.auth).expect(202);
    expect(deleted.body.cluster.status).toBe('DELETING');
    expect(await settle(app, tenant, deleted.body.operationId)).toMatchObject({ status: 'succeeded' });
    const cluster = await getCluster(app, tenant, id);
    expect(cluster.status).toBe('DELETED');
    expect(nodeCount(cluster)).toBe(0);
    expect(await simNodeNames(app, id)).toEqual([]);
    const list = await request(app.baseUrl).get('/v1/clusters').set('Authorization', tenant.auth).expect(200);
    expect(list.body.items.map((item: { id: string }) => item.id)).not.toContain(id);
    await request(app.baseUrl).delete(`/v1/clusters/${id}`).set('Authorization', tenant.auth).expect(409);
  });

  it('deletes a cluster while it is being created: the create is cancelled and nothing is left', async () => {
    const slow = await simCredential(app, tenant, { latencyMs: 60 });
    const { id, operationId } = await requestCluster(app, tenant, clusterBody(slow, 12));
    const deadline = Date.now() + 10_000;
    while ((await simNodeNames(app, id)).length === 0 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 20));
    const deleted = await request(app.baseUrl).delete(`/v1/clusters/${id}`).set('Authorization', tenant.auth).expect(202);
    expect(await settle(app, tenant, deleted.body.operationId)).toMatchObject({ status: 'succeeded' });
    expect(await settle(app, tenant, operationId)).toMatchObject({ status: 'cancelled' });
    expect((await getCluster(app, tenant, id)).status).toBe('DELETED');
    await drain(app);
    expect(await simNodeNames(app, id)).toEqual([]);
  });

  it('answers the same Idempotency-Key and body with the same cluster, and a different body with 409', async () => {
    const body = clusterBody(credential, 1);
    const first = await request(app.baseUrl).post('/v1/clusters').set('Authorization', tenant.auth).set('Idempotency-Key', 'create-once-1').send(body).expect(202);
    const again = await request(app.baseUrl).post('/v1/clusters').set('Authorization', tenant.auth).set('Idempotency-Key', 'create-once-1').send({ ...body }).expect(202);
    expect(again.body.cluster.id).toBe(first.body.cluster.id);
    expect(again.body.operationId).toBe(first.body.operationId);
    const other = await request(app.baseUrl).post('/v1/clusters').set('Authorization', tenant.auth).set('Idempotency-Key', 'create-once-1').send({ ...body, name: 'another-name' }).expect(409);
    expect(other.body.message).toMatch(/Idempotency-Key/);
    const [concurrentA, concurrentB] = await Promise.all(
      [0, 1].map(() => request(app.baseUrl).post('/v1/clusters').set('Authorization', tenant.auth).set('Idempotency-Key', 'create-once-2').send(clusterBody(credential, 1, { name: 'racing' }))),
    );
    expect(concurrentA!.status).toBe(202);
    expect(concurrentB!.status).toBe(202);
    expect(concurrentA!.body.cluster.id).toBe(concurrentB!.body.cluster.id);
    await settle(app, tenant, first.body.operationId);
    await settle(app, tenant, concurrentA!.body.operationId);
  });

  it('refuses illegal transitions and a second operation with 409 naming the status', async () => {
    const slow = await simCredential(app, tenant, { latencyMs: 40 });
    const { id, operationId } = await requestCluster(app, tenant, clusterBody(slow, 1));
    const scale = await request(app.baseUrl).put(`/v1/clusters/${id}/host-groups/worker`).set('Authorization', tenant.auth).send({ nodeCount: 3 }).expect(409);
    expect(scale.body.message).toMatch(/The cluster is (REQUESTED|PROVISIONING); it can be scaled only when it is AVAILABLE/);
    await settle(app, tenant, operationId);
    const start = await request(app.baseUrl).post(`/v1/clusters/${id}/start`).set('Authorization', tenant.auth).expect(409);
    expect(start.body.message).toBe('The cluster is AVAILABLE; it can be started only when it is STOPPED');
    const racing = await Promise.all([0, 1, 2].map(() => request(app.baseUrl).post(`/v1/clusters/${id}/stop`).set('Authorization', tenant.auth)));
    expect(racing.map((res) => res.status).sort()).toEqual([202, 409, 409]);
    const stop = racing.find((res) => res.status === 202)!;
    const again = await request(app.baseUrl).post(`/v1/clusters/${id}/stop`).set('Authorization', tenant.auth).expect(409);
    expect(again.body.message).toMatch(/The cluster is (STOPPING|STOPPED)/);
    await settle(app, tenant, stop.body.operationId);
    const operations = await app.db.query(`SELECT count(*)::int AS count FROM operations WHERE cluster_id = $1 AND type = 'stop'`, [id]);
    expect(operations[0].count).toBe(1);
  });

  it('rejects bad input with 400 naming the field, and hides other tenants\' clusters', async () => {
    const bad = await request(app.baseUrl).post('/v1/clusters').set('Authorization', tenant.auth).send(clusterBody(credential, 0)).expect(400);
    expect(JSON.stringify(bad.body.details)).toMatch(/DATANODE|worker/);
    const unknownGroup = await request(app.baseUrl)
      .post('/v1/clusters')
      .set('Authorization', tenant.auth)
      .send(clusterBody(credential, 1, { hostGroups: [{ name: 'master', nodeCount: 1, instanceType: 'medium' }, { name: 'workers', nodeCount: 1, instanceType: 'small' }] }))
      .expect(400);
    expect(unknownGroup.body.details).toContainEqual({ field: 'hostGroups[1].name', reason: expect.stringMatching(/no host group "workers"/) });
    const badType = await request(app.baseUrl).post('/v1/clusters').set('Authorization', tenant.auth).send(clusterBody(credential, 1, { hostGroups: [{ name: 'master', nodeCount: 1, instanceType: 'huge' }, { name: 'worker', nodeCount: 1, instanceType: 'small' }] })).expect(400);
    expect(badType.body.details[0].field).toBe('hostGroups[0].instanceType');
    const noCredential = await request(app.baseUrl).post('/v1/clusters').set('Authorization', tenant.auth).send(clusterBody('nope', 1)).expect(400);
    expect(noCredential.body.details[0].field).toBe('credential');
    await request(app.baseUrl).post('/v1/clusters').set('Authorization', tenant.auth).send({ ...clusterBody(credential, 1), extra: true }).expect(400);

    const { id, operationId } = await requestCluster(app, tenant, clusterBody(credential, 1));
    const stranger = await app.newTenant();
    await request(app.baseUrl).get(`/v1/clusters/${id}`).set('Authorization', stranger.auth).expect(404);
    await request(app.baseUrl).delete(`/v1/clusters/${id}`).set('Authorization', stranger.auth).expect(404);
    await request(app.baseUrl).get(`/v1/operations/${operationId}`).set('Authorization', stranger.auth).expect(404);
    await request(app.baseUrl).get(`/v1/clusters/${id}/events`).set('Authorization', stranger.auth).expect(404);
    await request(app.baseUrl).get('/v1/clusters/not-a-uuid').set('Authorization', tenant.auth).expect(404);
    await request(app.baseUrl).get(`/v1/clusters/${id}`).expect(401);
    await settle(app, tenant, operationId);
  });

  it('validates a request without creating anything', async () => {
    const body = clusterBody(credential, 2);
    const ok = await request(app.baseUrl).post('/v1/clusters/validate').set('Authorization', tenant.auth).send(body).expect(200);
    expect(ok.body).toMatchObject({ valid: true, provider: 'sim/default', nodes: 3 });
    const limited = await simCredential(app, tenant, { nodeQuota: 2 });
    const tooBig = await request(app.baseUrl).post('/v1/clusters/validate').set('Authorization', tenant.auth).send(clusterBody(limited, 5)).expect(400);
    expect(tooBig.body.details[0].reason).toMatch(/quota/);
    const list = await request(app.baseUrl).get(`/v1/clusters?status=REQUESTED`).set('Authorization', tenant.auth).expect(200);
    expect(list.body.items.map((item: { name: string }) => item.name)).not.toContain(body.name);
  });

  it('converges with 30% of all provider calls failing transiently, through create, scale, stop, start and delete', async () => {
    const flaky = await simCredential(app, tenant, { latencyMs: 2, transientFailureRate: { describe: 0.3, launch: 0.3, terminate: 0.3, stop: 0.3, start: 0.3, teardown: 0.3 } });
    const { id, operationId } = await requestCluster(app, tenant, clusterBody(flaky, 5));
    expect(await settle(app, tenant, operationId)).toMatchObject({ status: 'succeeded' });
    expect(await simNodeNames(app, id)).toHaveLength(6);
    const scale = await request(app.baseUrl).put(`/v1/clusters/${id}/host-groups/worker`).set('Authorization', tenant.auth).send({ nodeCount: 8 }).expect(202);
    expect(await settle(app, tenant, scale.body.operationId)).toMatchObject({ status: 'succeeded' });
    expect(await simNodeNames(app, id)).toHaveLength(9);
    for (const action of ['stop', 'start']) {
      const res = await request(app.baseUrl).post(`/v1/clusters/${id}/${action}`).set('Authorization', tenant.auth).expect(202);
      expect(await settle(app, tenant, res.body.operationId)).toMatchObject({ status: 'succeeded' });
    }
    expect((await getCluster(app, tenant, id)).status).toBe('AVAILABLE');
    const deleted = await request(app.baseUrl).delete(`/v1/clusters/${id}`).set('Authorization', tenant.auth).expect(202);
    expect(await settle(app, tenant, deleted.body.operationId)).toMatchObject({ status: 'succeeded' });
    expect(await simNodeNames(app, id)).toEqual([]);
    const events = await request(app.baseUrl).get(`/v1/clusters/${id}/events?limit=500`).set('Authorization', tenant.auth).expect(200);
    expect(events.body.items.some((event: { type: string; message: string }) => event.type === 'warning' && /simulated transient failure.*retrying/.test(event.message))).toBe(true);
  });
});
