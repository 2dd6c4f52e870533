import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { clusterBody, getCluster, requestCluster, settle, simCredential } from '../support/clusters';
import { TestRedisServer } from '../support/redis-server';
import { startTestApp, TestApp, TestTenant } from '../support/test-app';
import { until } from '../support/until';

interface EventRow {
  id: string;
  type: string;
  message: string;
  data: { run?: string; reason?: string; to?: string };
}

const INTERVAL_MS = 500;

/**
 * herd on a redis-server of its own, killed with SIGKILL mid-provision and restarted empty: no
 * operation may run twice at once (a run taken over writes nothing more), writes must answer
 * while Redis is away, health must turn UNKNOWN instead of staying HEALTHY on stale data, and
 * probes must come back without a restart of herd.
 */
describe('chaos: Redis killed and restarted empty', () => {
  let redis: TestRedisServer;
  let app: TestApp;
  let tenant: TestTenant;
  let admin: TestTenant;
  const http = () => request(app.baseUrl);

  beforeAll(async () => {
    redis = await TestRedisServer.start();
    app = await startTestApp({
      ownDatabase: true,
      env: { REDIS_URL: redis.url, HERD_MONITOR_INTERVAL_MS: String(INTERVAL_MS), HERD_OPERATION_SWEEP_MS: '1000', HERD_JOB_LOCK_MS: '2000', HERD_POLL_MAX_MS: '200' },
    });
    tenant = await app.newTenant();
    admin = await app.newTenant('admin');
  });
  afterAll(async () => {
    // herd closes its queues cleanly only with a Redis to talk to.
    if (redis && !redis.running) await redis.restart();
    await app?.close();
    await redis?.stop();
  });

  const events = async (clusterId: string): Promise<EventRow[]> => (await http().get(`/v1/clusters/${clusterId}/events?limit=500`).set('Authorization', tenant.auth).expect(200)).body.items;
  const checkedAt = async (clusterId: string): Promise<number> => {
    const [row] = (await app.db.query('SELECT health_checked_at FROM clusters WHERE id = $1', [clusterId])) as { health_checked_at: Date | null }[];
    return row?.health_checked_at?.getTime() ?? 0;
  };

  it('runs each operation once, answers writes, turns stale health UNKNOWN and probes again without a restart', async () => {
    const fast = await simCredential(app, tenant);
    const available = await requestCluster(app, tenant, clusterBody(fast, 1));
    expect(await settle(app, tenant, available.operationId)).toMatchObject({ status: 'succeeded' });
    const firstProbe = await checkedAt(available.id);
    await until('a probe of the available cluster', () => checkedAt(available.id), (at) => at > firstProbe, 20_000);

    // Every sim call takes 300 ms, so this create is still running when Redis goes.
    const slow = await simCredential(app, tenant, { latencyMs: 300 });
    const provisioning = await requestCluster(app, tenant, clusterBody(slow, 3));
    await until('the slow create to launch', () => settle(app, tenant, provisioning.operationId, 1).catch((error: Error) => error.message), (state) => /running \((?!Checking prerequisites)/.test(String(state)), 30_000);
    await redis.kill();

    // While Redis is away: a create commits and answers (the sweeper enqueues it later), and /metrics says Redis is down.
    const during = await http().post('/v1/clusters').set('Authorization', tenant.auth).timeout(20_000).send(clusterBody(fast, 1));
    expect(during.status, JSON.stringify(during.body)).toBe(202);
    const metrics = await http().get('/metrics').set('Authorization', admin.auth).timeout(20_000);
    expect(metrics.status).toBe(200);
    expect(metrics.text).toContain('herd_redis_up 0');
    await until('stale health to turn UNKNOWN', () => getCluster(app, tenant, available.id), (cluster) => cluster.health === 'UNKNOWN', 30_000);
    const stale = (await events(available.id)).filter((event) => event.type === 'health' && event.data.reason === 'stale');
    expect(stale).toHaveLength(1);

    const restartedAt = Date.now();
    await redis.restart();

    expect(await settle(app, tenant, provisioning.operationId, 120_000)).toMatchObject({ status: 'succeeded' });
    expect(await settle(app, tenant, during.body.operationId, 120_000)).toMatchObject({ status: 'succeeded' });
    await until('a probe after the restart', () => checkedAt(available.id), (at) => at > restartedAt, 30_000);

    // Runs of the slow create, in the order they wrote: once a later run has written, an earlier one never writes again.
    const runs = (await events(provisioning.id)).map((event) => event.data.run).filter((run): run is string => run !== undefined);
    const order = [...new Set(runs)];
    for (let i = 1; i < runs.length; i++) expect(order.indexOf(runs[i]!), `run ${runs[i]} wrote after run ${runs[i - 1]} took over`).toBeGreaterThanOrEqual(order.indexOf(runs[i - 1]!));
    const verified = (await events(provisioning.id)).filter((event) => event.message.startsWith('Cluster verified'));
    expect(verified.length).toBeLessThanOrEqual(1);
  });
});
