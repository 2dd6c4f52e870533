import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Cluster, ClusterNode, findClusterWithParts, Operation } from '../../src/modules/lifecycle';
import { clusterBody, requestCluster, settle, simCredential } from '../support/clusters';
import { startTestApp, TestApp, TestTenant } from '../support/test-app';

/** The cluster view's one-row read gives the same entities as reading each table through the ORM. */
describe('findClusterWithParts', () => {
  let app: TestApp;
  let tenant: TestTenant;

  beforeAll(async () => {
    app = await startTestApp();
    tenant = await app.newTenant('member');
  });
  afterAll(async () => {
    await app?.close();
  });

  it('reads the cluster, its nodes in host-group order and its operation as the ORM does', async () => {
    const { id, operationId } = await requestCluster(app, tenant, clusterBody(await simCredential(app, tenant), 3));
    await settle(app, tenant, operationId);
    // Stopped, so that no health probe writes the rows between the two reads.
    const stop = await request(app.baseUrl).post(`/v1/clusters/${id}/stop`).set('Authorization', tenant.auth);
    expect(stop.status, JSON.stringify(stop.body)).toBe(202);
    expect((await settle(app, tenant, stop.body.operationId)).status).toBe('succeeded');
    const read = await findClusterWithParts(app.db.getRepository(Cluster), tenant.tenantId, id);

    const cluster = await app.db.getRepository(Cluster).findOneByOrFail({ id });
    const nodes = await app.db.getRepository(ClusterNode).find({ where: { clusterId: id }, order: { hostGroup: 'ASC', index: 'ASC' } });
    expect(nodes).toHaveLength(4);
    expect(read.cluster).toEqual(cluster);
    expect(read.nodes).toEqual(nodes);
    expect(read.nodes[0]).toBeInstanceOf(ClusterNode);
    expect(read.nodes[0]!.updatedAt).toBeInstanceOf(Date);
    expect(cluster.currentOperationId).not.toBeNull();
    expect(read.operation).toEqual(await app.db.getRepository(Operation).findOneByOrFail({ id: cluster.currentOperationId! }));
  });

  it('finds a live cluster by name, and no other tenant\'s', async () => {
    const { id, operationId } = await requestCluster(app, tenant, clusterBody(await simCredential(app, tenant), 1));
    const byName = await findClusterWithParts(app.db.getRepository(Cluster), tenant.tenantId, (await app.db.getRepository(Cluster).findOneByOrFail({ id })).name);
    expect(byName.cluster.id).toBe(id);
    expect(byName.operation?.id).toBe(operationId);
    const other = await app.newTenant('member');
    await expect(findClusterWithParts(app.db.getRepository(Cluster), other.tenantId, id)).rejects.toThrow(/cluster/);
  });
});
