import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HERD_CONFIG, type HerdConfig } from '../../src/config/config';
import { ProviderRegistry } from '../../src/providers/registry/provider-registry';
import { SimStore } from '../../src/providers/sim/sim.store';
import type { ClusterSpec, ProviderConnection } from '../../src/providers/spi';
import { REDIS } from '../../src/queue/redis.module';
import { getCluster, requestCluster, settle, simCredential } from '../support/clusters';
import { startTestApp, type TestApp, type TestTenant } from '../support/test-app';
import { until } from '../support/until';

const RECOVERY_AFTER_MS = 1_500;


describe('recoveryMode auto: the monitor repairs a host group whose node stays lost (real PostgreSQL, Redis, BullMQ, sim)', () => {
  let app: TestApp;
  let tenant: TestTenant;
  let credential: string;
  let sim: ProviderConnection;
  let store: SimStore;

  const messages = async (id: string) =>
    (await request(app.baseUrl).get(`/v1/clusters/${id}/events?limit=500`).set('Authorization', tenant.auth).expect(200)).body.items.map((event: { message: string }) => event.message) as string[];

  beforeAll(async () => {
    app = await startTestApp({ ownDatabase: true, env: { HERD_MONITOR_INTERVAL_MS: '200', HERD_AUTO_RECOVERY_AFTER_MS: String(RECOVERY_AFTER_MS), HERD_POLL_MAX_MS: '100' } });
    tenant = await app.newTenant();
    credential = await simCredential(app, tenant);
    sim = await app.herd.context.get(ProviderRegistry).connect('sim', 'default', {});
    store = new SimStore(app.herd.context.get(REDIS), app.herd.context.get<symbol, HerdConfig>(HERD_CONFIG).redisPrefix);
  });
  afterAll(async () => {
    await app?.close();
  });

  it('refuses an unknown recovery mode, naming the field', async () => {
    const res = await request(app.baseUrl)
      .post('/v1/clusters')
      .set('Authorization', tenant.auth)
      .send({ name: 'bad-mode', blueprint: 'hadoop-single-master', credential, hostGroups: [{ name: 'master', nodeCount: 1, instanceType: 'medium', recoveryMode: 'sometimes' }] });
    expect(res.status).toBe(400);
    expect(res.body.details).toEqual([{ field: 'hostGroups[0].recoveryMode', reason: 'must be one of the following values: manual, auto' }]);
  });

  it('replaces a crashed worker of an auto host group once it stayed lost, and leaves a manual host group to the user', async () => {
    const { id, operationId } = await requestCluster(app, tenant, {
      name: 'self-healing',
      blueprint: 'hadoop-single-master',
      credential,
      hostGroups: [
        { name: 'master', nodeCount: 1, instanceType: 'medium' },
        { name: 'worker', nodeCount: 2, instanceType: 'small', recoveryMode: 'auto' },
      ],
    });
    expect(await settle(app, tenant, operationId)).toMatchObject({ status: 'succeeded' });
    expect((await getCluster(app, tenant, id)).hostGroups.map((group: { name: string; recoveryMode: string }) => [group.name, group.recoveryMode])).toEqual([
      ['master', 'manual'],
      ['worker', 'auto'],
    ]);

    const before = await sim.describe({ tag: id } as ClusterSpec);
    const crashed = before.find((node) => node.hostGroup === 'worker')!;
    const crashedAt = Date.now();
    await store.crash(id, [crashed.name], crashedAt);
    const requested = await until('a repair requested by the monitor', () => messages(id), (all) => all.some((m) => m.startsWith('Repair requested by the monitor')));
    const message = requested.find((m) => m.startsWith('Repair requested by the monitor'))!;
    expect(message).toMatch(new RegExp(`^Repair requested by the monitor \\(recoveryMode auto\\): ${crashed.name} ERROR, lost for (\\d+) s; status AVAILABLE -> UPDATING$`));
    expect(Number(/lost for (\d+) s/.exec(message)![1]) * 1000).toBeGreaterThanOrEqual(RECOVERY_AFTER_MS - 500);

    const healed = await until('HEALTHY again', () => getCluster(app, tenant, id), (cluster) => cluster.status === 'AVAILABLE' && cluster.health === 'HEALTHY' && cluster.operation?.type === 'repair' && cluster.operation?.status === 'succeeded');
    expect(healed.operation).toMatchObject({ type: 'repair', status: 'succeeded' });
    const after = await sim.describe({ tag: id } as ClusterSpec);
    expect(after.map((node) => node.status)).toEqual(['RUNNING', 'RUNNING', 'RUNNING']);
    expect(after.map((node) => node.providerId)).not.toContain(crashed.providerId);
    expect(after.filter((node) => before.some((b) => b.providerId === node.providerId))).toHaveLength(2);

    // the master's host group is manual: the monitor reports it and waits for the user
    const master = after.find((node) => node.hostGroup === 'master')!;
    await store.crash(id, [master.name], Date.now());
    await until('UNHEALTHY', () => getCluster(app, tenant, id), (cluster) => cluster.health === 'UNHEALTHY');
    await new Promise((resolve) => setTimeout(resolve, RECOVERY_AFTER_MS * 2));
    expect((await messages(id)).filter((m) => m.startsWith('Repair requested by the monitor'))).toHaveLength(1);
    expect((await getCluster(app, tenant, id)).status).toBe('AVAILABLE');
  });
});
