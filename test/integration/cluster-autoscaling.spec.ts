import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HERD_CONFIG, type HerdConfig } from '../../src/config/config';
import { SimStore } from '../../src/providers/sim/sim.store';
import { REDIS } from '../../src/queue/redis.module';
import { getCluster, requestCluster, settle, simCredential } from '../support/clusters';
import { startTestApp, type TestApp, type TestTenant } from '../support/test-app';
import { until } from '../support/until';

const GENEROUS_MS = 45_000;


describe('autoscaling policies scale a host group from the figures the monitor reads (real PostgreSQL, Redis, BullMQ, sim)', () => {
  let app: TestApp;
  let tenant: TestTenant;
  let clusterId: string;
  let store: SimStore;
  const policies = () => `/v1/clusters/${clusterId}/autoscaling-policies`;
  const grow = { name: 'grow', hostGroup: 'worker', metric: 'containersPending', operator: 'above', threshold: 10, adjustment: 1, minNodes: 2, maxNodes: 4, cooldownSeconds: 0, forSeconds: 1 };
  const workers = async () => {
    const cluster = await getCluster(app, tenant, clusterId);
    return { status: cluster.status as string, size: cluster.hostGroups.find((group: { name: string }) => group.name === 'worker').nodeCount as number };
  };

  beforeAll(async () => {
    app = await startTestApp({ ownDatabase: true, env: { HERD_MONITOR_INTERVAL_MS: '200', HERD_POLL_MAX_MS: '100' } });
    tenant = await app.newTenant();
    store = new SimStore(app.herd.context.get(REDIS), app.herd.context.get<symbol, HerdConfig>(HERD_CONFIG).redisPrefix);
    const credential = await simCredential(app, tenant);
    const created = await requestCluster(app, tenant, {
      name: 'elastic',
      blueprint: 'hadoop-single-master',
      credential,
      hostGroups: [
        { name: 'master', nodeCount: 1, instanceType: 'medium' },
        { name: 'worker', nodeCount: 2, instanceType: 'small' },
      ],
    });
    clusterId = created.id;
    expect(await settle(app, tenant, created.operationId)).toMatchObject({ status: 'succeeded' });
  });
  afterAll(async () => {
    await app?.close();
  });

  it('refuses bad policies with the field and the reason, and hides the cluster from other tenants', async () => {
    const post = (body: Record<string, unknown>, auth = tenant.auth) => request(app.baseUrl).post(policies()).set('Authorization', auth).send(body);
    const fieldsOf = async (body: Record<string, unknown>) => {
      const res = await post(body);
      expect(res.status, JSON.stringify(res.body)).toBe(400);
      return [...new Set((res.body.details as { field: string }[]).map((detail) => detail.field))];
    };
    expect(await fieldsOf({ ...grow, hostGroup: 'edge' })).toEqual(['hostGroup']);
    expect(await fieldsOf({ ...grow, minNodes: 5, maxNodes: 3 })).toEqual(['maxNodes']);
    expect(await fieldsOf({ ...grow, metric: 'cpuTemperature' })).toEqual(['metric']);
    expect(await fieldsOf({ ...grow, adjustment: 0 })).toEqual(['adjustment']);
    expect(await fieldsOf({ ...grow, threshold: 'high' })).toEqual(['threshold']);
    // 20 samples, one every 200 ms: the monitor remembers 4 s
    expect(await fieldsOf({ ...grow, forSeconds: 5 })).toEqual(['forSeconds']);
    const other = await app.newTenant();
    expect((await post(grow, other.auth)).status).toBe(404);
    const viewer = await tenant.keyWithRole('viewer');
    expect((await post(grow, `Bearer ${viewer}`)).status).toBe(403);
    expect((await request(app.baseUrl).get(policies()).set('Authorization', tenant.auth).expect(200)).body.items).toEqual([]);
  });

  it('grows the workers step by step up to maxNodes while YARN has pending containers, then shrinks them to minNodes when idle', async () => {
    const created = await request(app.baseUrl).post(policies()).set('Authorization', tenant.auth).send(grow);
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    expect(created.body).toMatchObject({ ...grow, enabled: true, lastTriggeredAt: null });
    expect((await request(app.baseUrl).post(policies()).set('Authorization', tenant.auth).send(grow)).status).toBe(409);
    await request(app.baseUrl)
      .post(policies())
      .set('Authorization', tenant.auth)
      .send({ ...grow, name: 'shrink', operator: 'below', threshold: 1, adjustment: -1 })
      .expect(201);

    const busySince = Date.now();
    await store.setWorkload(clusterId, { appsPending: 3, containersPending: 24, allocatedMB: 0 });
    await until('4 workers', workers, (w) => w.status === 'AVAILABLE' && w.size === 4, GENEROUS_MS);
    const items = (await request(app.baseUrl).get(`/v1/clusters/${clusterId}/events?limit=500`).set('Authorization', tenant.auth).expect(200)).body.items as { message: string; createdAt: string }[];
    const first = items.find((e) => /^Scale of host group worker from 2 to 3 nodes requested by autoscaling policy "grow" \(containersPending 24 above 10\)/.test(e.message));
    expect(first, 'the first scale event').toBeDefined();
    // forSeconds: 1, so not at the first busy probe
    expect(Date.parse(first!.createdAt) - busySince).toBeGreaterThanOrEqual(900);
    expect(items.map((e) => e.message)).toContainEqual(expect.stringMatching(/^Scale of host group worker from 3 to 4 nodes requested by autoscaling policy "grow"/));
    // capped: a few more probes change nothing
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    expect(await workers()).toEqual({ status: 'AVAILABLE', size: 4 });

    await store.setWorkload(clusterId, { appsPending: 0, containersPending: 0, allocatedMB: 0 });
    await until('2 workers', workers, (w) => w.status === 'AVAILABLE' && w.size === 2, GENEROUS_MS);
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    expect(await workers()).toEqual({ status: 'AVAILABLE', size: 2 });

    const listed = (await request(app.baseUrl).get(policies()).set('Authorization', tenant.auth).expect(200)).body.items;
    expect(listed.map((p: { name: string }) => p.name)).toEqual(['grow', 'shrink']);
    expect(listed.every((p: { lastTriggeredAt: string | null }) => p.lastTriggeredAt !== null)).toBe(true);
    await request(app.baseUrl).delete(`${policies()}/${listed[0].id}`).set('Authorization', tenant.auth).expect(204);
    await request(app.baseUrl).delete(`${policies()}/${listed[0].id}`).set('Authorization', tenant.auth).expect(404);
    expect((await request(app.baseUrl).get(policies()).set('Authorization', tenant.auth).expect(200)).body.items).toHaveLength(1);
  });
});
