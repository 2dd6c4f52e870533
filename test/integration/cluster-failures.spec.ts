import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, TestApp, TestTenant } from '../support/test-app';
import { clusterBody, getCluster, requestCluster, settle, simCredential, simNodeNames } from '../support/clusters';

/** A short operation deadline, so that nodes that never become healthy fail the operation quickly. */
describe('cluster failures and their policies', () => {
  let app: TestApp;
  let tenant: TestTenant;

  beforeAll(async () => {
    app = await startTestApp({ env: { HERD_OPERATION_TIMEOUT_MS: '2500', HERD_POLL_MAX_MS: '100' } });
    tenant = await app.newTenant();
  });
  afterAll(async () => {
    await app?.close();
  });

  it('rolls back a failed create: FAILED with a reason and zero resources left in the sim; a retry then provisions it', async () => {
    const broken = await simCredential(app, tenant, { unhealthyHostGroups: ['worker'] });
    const { id, operationId } = await requestCluster(app, tenant, clusterBody(broken, 2));
    const operation = await settle(app, tenant, operationId);
    expect(operation.status).toBe('failed');
    expect(operation.error).toMatch(/Timed out .* on sim\/default waiting for .*DATANODE failed: health check never passes/);
    const cluster = await getCluster(app, tenant, id);
    expect(cluster.status).toBe('FAILED');
    expect(cluster.statusReason).toMatch(/Everything that was created has been removed \(onFailure=rollback\)/);
    expect(await simNodeNames(app, id)).toEqual([]);
    const events = await request(app.baseUrl).get(`/v1/clusters/${id}/events?limit=500`).set('Authorization', tenant.auth).expect(200);
    expect(events.body.items.some((event: { message: string }) => /Rolling back/.test(event.message))).toBe(true);

    await request(app.baseUrl).patch(`/v1/credentials/${broken}`).set('Authorization', tenant.auth).send({ parameters: {} }).expect(200);
    const retried = await request(app.baseUrl).post(`/v1/clusters/${id}/retry`).set('Authorization', tenant.auth).expect(202);
    expect(retried.body.cluster.status).toBe('PROVISIONING');
    expect(await settle(app, tenant, retried.body.operationId)).toMatchObject({ status: 'succeeded' });
    expect((await getCluster(app, tenant, id)).status).toBe('AVAILABLE');
    expect(await simNodeNames(app, id)).toHaveLength(3);
    await request(app.baseUrl).post(`/v1/clusters/${id}/retry`).set('Authorization', tenant.auth).expect(409);
  });

  it('keeps the resources of a failed create when asked to, says so, and a delete removes them', async () => {
    const broken = await simCredential(app, tenant, { unhealthyHostGroups: ['worker'] });
    const { id, operationId } = await requestCluster(app, tenant, clusterBody(broken, 2, { onFailure: 'keep' }));
    expect(await settle(app, tenant, operationId)).toMatchObject({ status: 'failed' });
    const cluster = await getCluster(app, tenant, id);
    expect(cluster.status).toBe('FAILED');
    expect(cluster.statusReason).toMatch(/The 3 nodes that were created were kept for inspection \(onFailure=keep\); delete the cluster to remove them/);
    expect(await simNodeNames(app, id)).toHaveLength(3);
    const deleted = await request(app.baseUrl).delete(`/v1/clusters/${id}`).set('Authorization', tenant.auth).expect(202);
    expect(await settle(app, tenant, deleted.body.operationId)).toMatchObject({ status: 'succeeded' });
    expect(await simNodeNames(app, id)).toEqual([]);
  });

  it('settles for what runs when the partialFailure policy accepts the loss, and refuses it when the share is too small', async () => {
    const oneBad = await simCredential(app, tenant, { unhealthyNodes: ['worker-1'] });
    const accepted = await requestCluster(app, tenant, clusterBody(oneBad, 3, { partialFailure: { policy: 'percentage', threshold: 60 } }));
    expect(await settle(app, tenant, accepted.operationId)).toMatchObject({ status: 'succeeded' });
    const cluster = await getCluster(app, tenant, accepted.id);
    expect(cluster.status).toBe('AVAILABLE');
    expect(cluster.statusReason).toMatch(/^Running with 2 of 3 in worker nodes: the partialFailure policy percentage \(60%\) accepted the loss. Cause: .*herd-[0-9a-f]+-worker-1/);
    const events = await request(app.baseUrl).get(`/v1/clusters/${accepted.id}/events?limit=500`).set('Authorization', tenant.auth).expect(200);
    expect(events.body.items.map((event: { message: string }) => event.message)).toContain('Settling for 2 of 3 in worker (partialFailure percentage (60%))');
    const workers = cluster.hostGroups.find((group: { name: string }) => group.name === 'worker');
    expect(workers.nodeCount).toBe(2);
    expect(workers.nodes.map((node: { name: string }) => node.name.replace(/^herd-[0-9a-f]+-/, '')).sort()).toEqual(['worker-0', 'worker-2']);
    expect((await simNodeNames(app, accepted.id)).map((name) => name.replace(/^herd-[0-9a-f]+-/, '')).sort()).toEqual(['master-0', 'worker-0', 'worker-2']);

    const tooMany = await simCredential(app, tenant, { unhealthyNodes: ['worker-0', 'worker-1'] });
    const refused = await requestCluster(app, tenant, clusterBody(tooMany, 3, { partialFailure: { policy: 'percentage', threshold: 60 } }));
    expect(await settle(app, tenant, refused.operationId)).toMatchObject({ status: 'failed' });
    expect((await getCluster(app, tenant, refused.id)).status).toBe('FAILED');
    expect(await simNodeNames(app, refused.id)).toEqual([]);
  });

  it('fails at once on a terminal provider error, naming it and what to do', async () => {
    const revoked = await simCredential(app, tenant, {});
    const { id } = await requestCluster(app, tenant, clusterBody(revoked, 1));
    const before = await getCluster(app, tenant, id);
    await settle(app, tenant, before.operation.id);
    await request(app.baseUrl).patch(`/v1/credentials/${revoked}`).set('Authorization', tenant.auth).send({ parameters: { rejectCredential: true } }).expect(200);
    const stop = await request(app.baseUrl).post(`/v1/clusters/${id}/stop`).set('Authorization', tenant.auth).expect(202);
    const operation = await settle(app, tenant, stop.body.operationId);
    expect(operation.status).toBe('failed');
    expect(operation.error).toMatch(/rejects this credential.*update the credential's parameters/);
    expect((await getCluster(app, tenant, id)).status).toBe('FAILED');
    await request(app.baseUrl).patch(`/v1/credentials/${revoked}`).set('Authorization', tenant.auth).send({ parameters: {} }).expect(200);
    const deleted = await request(app.baseUrl).delete(`/v1/clusters/${id}`).set('Authorization', tenant.auth).expect(202);
    expect(await settle(app, tenant, deleted.body.operationId)).toMatchObject({ status: 'succeeded' });
    expect(await simNodeNames(app, id)).toEqual([]);
  });

  it('fails a create its credential is refused at pre-flight without a rollback, and deletes it without the provider', async () => {
    const revoked = await simCredential(app, tenant, { rejectCredential: true });
    const { id, operationId } = await requestCluster(app, tenant, clusterBody(revoked, 1));
    expect(await settle(app, tenant, operationId)).toMatchObject({ status: 'failed' });
    const cluster = await getCluster(app, tenant, id);
    expect(cluster.status).toBe('FAILED');
    expect(cluster.statusReason).toMatch(/Nothing had been launched, so there was nothing to remove$/);
    expect(cluster.statusReason).not.toMatch(/rollback/i);
    const events = await request(app.baseUrl).get(`/v1/clusters/${id}/events?limit=500`).set('Authorization', tenant.auth).expect(200);
    expect(events.body.items.some((event: { message: string }) => /Rolling back/.test(event.message))).toBe(false);
    // The credential is still refused: the delete must not need it.
    const deleted = await request(app.baseUrl).delete(`/v1/clusters/${id}`).set('Authorization', tenant.auth).expect(202);
    expect(await settle(app, tenant, deleted.body.operationId)).toMatchObject({ status: 'succeeded' });
    await request(app.baseUrl).get(`/v1/clusters/${id}`).set('Authorization', tenant.auth).expect((res) => expect([200, 404]).toContain(res.status));
  });

  it('leaves a cluster usable at its old size when a scale fails', async () => {
    const credential = await simCredential(app, tenant, {});
    const { id, operationId } = await requestCluster(app, tenant, clusterBody(credential, 1));
    await settle(app, tenant, operationId);
    await request(app.baseUrl).patch(`/v1/credentials/${credential}`).set('Authorization', tenant.auth).send({ parameters: { unhealthyHostGroups: ['worker'] } }).expect(200);
    const scale = await request(app.baseUrl).put(`/v1/clusters/${id}/host-groups/worker`).set('Authorization', tenant.auth).send({ nodeCount: 3 }).expect(202);
    const operation = await settle(app, tenant, scale.body.operationId);
    expect(operation.status).toBe('failed');
    const cluster = await getCluster(app, tenant, id);
    expect(cluster.status).toBe('AVAILABLE');
    expect(cluster.statusReason).toMatch(/Scaling worker from 1 to 3 nodes failed: .*The cluster runs at its previous size \(1 nodes in worker\)/);
    expect(cluster.hostGroups.find((group: { name: string }) => group.name === 'worker').nodeCount).toBe(1);
    expect(await simNodeNames(app, id)).toHaveLength(2);
  });
});
