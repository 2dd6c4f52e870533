import { getDataSourceToken } from '@nestjs/typeorm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DataSource } from 'typeorm';
import { ClusterStore } from '../../src/modules/lifecycle/cluster-store';
import { OperationIntake } from '../../src/modules/lifecycle/operation-intake';
import { Cluster } from '../../src/modules/lifecycle/cluster.entity';
import { clusterBody, requestCluster, settle, simCredential } from '../support/clusters';
import { startTestApp, TestApp, TestTenant } from '../support/test-app';

/** The one writer of cluster statuses, against the real PostgreSQL: two writers on one read, one wins. */
describe('cluster store', () => {
  let app: TestApp;
  let tenant: TestTenant;
  let db: DataSource;
  let store: ClusterStore;
  let cluster: Cluster;

  beforeAll(async () => {
    app = await startTestApp();
    tenant = await app.newTenant();
    db = app.herd.context.get<string, DataSource>(getDataSourceToken());
    store = app.herd.context.get(ClusterStore);
    const credential = await simCredential(app, tenant);
    const { id, operationId } = await requestCluster(app, tenant, clusterBody(credential, 1));
    expect((await settle(app, tenant, operationId)).status).toBe('succeeded');
    cluster = await db.getRepository(Cluster).findOneByOrFail({ id });
  });
  afterAll(async () => {
    await app?.close();
  });

  it('lets one of two writers holding the same read change the cluster, and bumps its version', async () => {
    const read = await db.getRepository(Cluster).findOneByOrFail({ id: cluster.id });
    const [first, second] = await db.transaction((tx) => Promise.all([store.change(tx, read, { statusReason: 'first' }), store.change(tx, read, { statusReason: 'second' })]));
    expect([first, second]).toEqual([true, false]);
    const after = await db.getRepository(Cluster).findOneByOrFail({ id: cluster.id });
    expect(after.statusReason).toBe('first');
    expect(after.version).toBe(read.version + 1);
  });

  it('writes nothing onto a cluster whose current operation is no longer the one read', async () => {
    const read = await db.getRepository(Cluster).findOneByOrFail({ id: cluster.id });
    expect(await db.transaction((tx) => store.change(tx, { ...read, currentOperationId: null }, { statusReason: 'stale' }))).toBe(false);
    expect((await db.getRepository(Cluster).findOneByOrFail({ id: cluster.id })).statusReason).not.toBe('stale');
  });

  it('refuses a change the state machine does not allow, naming both statuses', async () => {
    const read = await db.getRepository(Cluster).findOneByOrFail({ id: cluster.id });
    expect(read.status).toBe('AVAILABLE');
    await expect(db.transaction((tx) => store.change(tx, read, { status: 'PROVISIONING' }))).rejects.toThrow(/from AVAILABLE to PROVISIONING/);
    expect((await db.getRepository(Cluster).findOneByOrFail({ id: cluster.id })).status).toBe('AVAILABLE');
  });

  it('lets a request that lost the fence to a step that changed nothing it relied on go through, and refuses one whose host groups changed', async () => {
    const intake = app.herd.context.get(OperationIntake);
    const stale = await db.getRepository(Cluster).findOneByOrFail({ id: cluster.id });
    await db.transaction((tx) => store.change(tx, stale, { statusReason: 'a worker step' }));
    const resized = { ...stale, hostGroups: stale.hostGroups.map((group) => ({ ...group, nodeCount: group.nodeCount + 1 })) };
    await expect(intake.request(resized, 'stop', { message: 'Stop requested' })).rejects.toThrow(/changed while this request was handled/);
    const stop = await intake.request(stale, 'stop', { message: 'Stop requested' });
    expect((await db.getRepository(Cluster).findOneByOrFail({ id: cluster.id })).currentOperationId).toBe(stop.id);
    expect((await settle(app, tenant, stop.id)).status).toBe('succeeded');
  });
});
