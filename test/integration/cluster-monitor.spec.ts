import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ClusterMonitor } from '../../src/modules/monitoring/cluster-monitor';
import { MonitorSchedule } from '../../src/modules/monitoring/monitor-schedule';
import { ProviderRegistry } from '../../src/providers/registry/provider-registry';
import { HERD_CONFIG, HerdConfig } from '../../src/config/config';
import { SimStore } from '../../src/providers/sim/sim.store';
import { REDIS } from '../../src/queue/redis.module';
import type { ClusterSpec, ProviderConnection } from '../../src/providers/spi';
import { clusterBody, getCluster, requestCluster, settle, simCredential } from '../support/clusters';
import { startTestApp, TestApp, TestTenant } from '../support/test-app';
import { until } from '../support/until';



describe('the monitor watches AVAILABLE clusters (real PostgreSQL, Redis, BullMQ, sim)', () => {
  let app: TestApp;
  let tenant: TestTenant;
  let adminKey: string;
  let clusterId: string;
  let sim: ProviderConnection;
  const spec = () => ({ tag: clusterId }) as ClusterSpec;
  const healthEvents = async (id = clusterId) => (await request(app.baseUrl).get(`/v1/clusters/${id}/events?limit=200`).set('Authorization', tenant.auth)).body.items.filter((event: { type: string }) => event.type === 'health');
  const node = (cluster: any, suffix: string) => cluster.hostGroups.flatMap((group: any) => group.nodes).find((n: any) => n.name.endsWith(suffix));
  const schedule = () => app.herd.context.get(MonitorSchedule);

  beforeAll(async () => {
    app = await startTestApp({ ownDatabase: true, env: { HERD_MONITOR_INTERVAL_MS: '200' } });
    tenant = await app.newTenant('member');
    adminKey = await tenant.keyWithRole('admin');
    const credential = await simCredential(app, tenant);
    const { id, operationId } = await requestCluster(app, tenant, clusterBody(credential, 2));
    clusterId = id;
    expect((await settle(app, tenant, operationId)).status).toBe('succeeded');
    sim = await app.herd.context.get(ProviderRegistry).connect('sim', 'default', {});
  });

  afterAll(async () => {
    await app?.close();
  });

  it('schedules a probe for the AVAILABLE cluster, which reports it HEALTHY', async () => {
    const cluster = await getCluster(app, tenant, clusterId);
    expect(cluster).toMatchObject({ status: 'AVAILABLE', health: 'HEALTHY' });
    expect(await schedule().isScheduled(clusterId)).toBe(true);
  });

  it('marks the cluster DEGRADED with a health event and the node STOPPED when a worker stops behind herd\'s back', async () => {
    const worker = (await sim.describe(spec())).find((n) => n.name.endsWith('-worker-1'))!;
    await sim.power!.stop(spec(), [worker]);
    // a probe may catch the node still STOPPING: the health is DEGRADED either way
    const cluster = await until('DEGRADED with the node STOPPED', () => getCluster(app, tenant, clusterId), (c) => c.health === 'DEGRADED' && node(c, '-worker-1').status === 'STOPPED');
    expect(cluster.status).toBe('AVAILABLE');
    // The event is written when the health changes, by a probe that may have described the nodes
    // just before the stop or asked the masters just before they noticed it; /metrics below has the settled figures.
    const events = await healthEvents();
    const degraded = events.find((event: { message: string }) => event.message.startsWith('DEGRADED'));
    expect(degraded.message).toMatch(new RegExp(`^DEGRADED: (1 of 2 DataNodes live, 1 of 2 NodeManagers active|[12] of 2 DataNodes live, [12] of 2 NodeManagers active; ${worker.name} STOPP(ING|ED))`));
    expect(degraded.data).toMatchObject({ from: 'HEALTHY', to: 'DEGRADED' });
  });

  it('shows the figures at /metrics to an admin only', async () => {
    const res = await request(app.baseUrl).get('/metrics').set('Authorization', `Bearer ${adminKey}`);
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toContain('text/plain');
    const of = (metric: string) => new RegExp(`^${metric}\\{cluster_id="${clusterId}"[^}]*\\} (\\S+)$`, 'm').exec(res.text)?.[1];
    expect(res.text).toMatch(new RegExp(`^herd_cluster_health\\{cluster_id="${clusterId}",[^}]*health="DEGRADED"\\} 1$`, 'm'));
    expect(of('herd_cluster_datanodes_live')).toBe('1');
    expect(of('herd_cluster_datanodes_requested')).toBe('2');
    expect(of('herd_cluster_nodemanagers_active')).toBe('1');
    expect(res.text).toMatch(new RegExp(`^herd_cluster_nodes\\{cluster_id="${clusterId}",[^}]*status="STOPPED"\\} 1$`, 'm'));
    expect(res.text).toMatch(/^herd_operations_total\{type="create",outcome="succeeded"\} [1-9]/m);
    expect(res.text).toMatch(/^herd_queue_jobs\{queue="monitoring",state="delayed"\} \d+$/m);
    expect((await request(app.baseUrl).get('/metrics').set('Authorization', tenant.auth)).status).toBe(403);
    expect((await request(app.baseUrl).get('/metrics')).status).toBe(401);
  });

  it('goes back to HEALTHY when the node runs again', async () => {
    const worker = (await sim.describe(spec())).find((n) => n.name.endsWith('-worker-1'))!;
    await sim.power!.start(spec(), [worker]);
    const cluster = await until('HEALTHY', () => getCluster(app, tenant, clusterId), (c) => c.health === 'HEALTHY');
    expect(node(cluster, '-worker-1').status).toBe('RUNNING');
    const events = await healthEvents();
    expect(events.at(-1)).toMatchObject({ message: expect.stringMatching(/^HEALTHY: 2 of 2 DataNodes live, 2 of 2 NodeManagers active/), data: { from: 'DEGRADED', to: 'HEALTHY' } });
  });

  it('gives a lost probe back without a restart', async () => {
    await schedule().unschedule(clusterId);
    expect(await schedule().isScheduled(clusterId)).toBe(false);
    await until('the probe scheduled again', () => schedule().isScheduled(clusterId), (scheduled) => scheduled);
    const checked = async () => ((await app.db.query('SELECT health_checked_at FROM clusters WHERE id = $1', [clusterId])) as { health_checked_at: Date }[])[0]!.health_checked_at.getTime();
    const before = await checked();
    await until('a probe after the schedule came back', checked, (at) => at > before);
  });

  it('removes the probe when the cluster is deleted', async () => {
    const res = await request(app.baseUrl).delete(`/v1/clusters/${clusterId}`).set('Authorization', tenant.auth);
    expect(res.status, JSON.stringify(res.body)).toBe(202);
    expect((await settle(app, tenant, res.body.operationId)).status).toBe('succeeded');
    expect(await schedule().isScheduled(clusterId)).toBe(false);
  });

  it('marks a cluster whose master crashed UNHEALTHY, never probes while an operation owns the cluster, and repairs a crashed worker', async () => {
    const credential = await simCredential(app, tenant);
    const { id, operationId } = await requestCluster(app, tenant, clusterBody(credential, 1));
    expect((await settle(app, tenant, operationId)).status).toBe('succeeded');
    const master = (await sim.describe({ tag: id } as ClusterSpec)).find((n) => n.hostGroup === 'master')!;
    // What the sim adapter's crashNodes hook does: the host crashes (ERROR, components failed).
    const store = new SimStore(app.herd.context.get(REDIS), app.herd.context.get<symbol, HerdConfig>(HERD_CONFIG).redisPrefix);
    await store.crash(id, [master.name], Date.now());
    await until('UNHEALTHY with the master in ERROR', () => getCluster(app, tenant, id), (c) => c.health === 'UNHEALTHY' && node(c, '-master-0').status === 'ERROR');
    // a probe that described the nodes just before the crash finds the masters silent: the event names them down, and the node only when it saw the crash
    const unhealthy = (await healthEvents(id)).find((event: { message: string }) => event.message.startsWith('UNHEALTHY'));
    expect(unhealthy.message).toContain('NAMENODE and RESOURCEMANAGER down');

    const scale = await request(app.baseUrl).put(`/v1/clusters/${id}/host-groups/worker`).set('Authorization', tenant.auth).send({ nodeCount: 2 });
    expect(scale.status, JSON.stringify(scale.body)).toBe(202);
    expect(await app.herd.context.get(ClusterMonitor).probe(id)).toBe('skipped');
    await settle(app, tenant, scale.body.operationId);

    // the scale replaced the crashed master; a worker crashing now is what repair replaces, keeping the rest
    const before = await sim.describe({ tag: id } as ClusterSpec);
    const crashed = before.find((n) => n.hostGroup === 'worker')!;
    await store.crash(id, [crashed.name], Date.now());
    await until('DEGRADED', () => getCluster(app, tenant, id), (c) => c.health === 'DEGRADED');
    const repair = await request(app.baseUrl).post(`/v1/clusters/${id}/repair`).set('Authorization', tenant.auth);
    expect(repair.status, JSON.stringify(repair.body)).toBe(202);
    expect(repair.body.cluster.status).toBe('UPDATING');
    expect(await settle(app, tenant, repair.body.operationId)).toMatchObject({ status: 'succeeded', type: 'repair' });
    const after = await sim.describe({ tag: id } as ClusterSpec);
    expect(after.map((n) => n.status)).toEqual(['RUNNING', 'RUNNING', 'RUNNING']);
    expect(after.map((n) => n.providerId)).not.toContain(crashed.providerId);
    const kept = before.filter((n) => n.providerId !== crashed.providerId).map((n) => n.providerId);
    expect(after.filter((n) => kept.includes(n.providerId))).toHaveLength(2);
    expect(await until('HEALTHY', () => getCluster(app, tenant, id), (c) => c.health === 'HEALTHY')).toMatchObject({ status: 'AVAILABLE' });
    await request(app.baseUrl).post(`/v1/clusters/${id}/stop`).set('Authorization', tenant.auth).expect(202).then((res) => settle(app, tenant, res.body.operationId));
    const refused = await request(app.baseUrl).post(`/v1/clusters/${id}/repair`).set('Authorization', tenant.auth);
    expect(refused.status).toBe(409);
    expect(refused.body.message).toMatch(/STOPPED/);
    const deleted = await request(app.baseUrl).delete(`/v1/clusters/${id}`).set('Authorization', tenant.auth);
    expect((await settle(app, tenant, deleted.body.operationId)).status).toBe('succeeded');
    expect(await schedule().isScheduled(id)).toBe(false);
  });
});
