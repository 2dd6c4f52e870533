import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HERD_CONFIG, HerdConfig } from '../../src/config/config';
import { eventFeedKey } from '../../src/modules/event-feed/event-feed';
import { ProviderRegistry } from '../../src/providers/registry/provider-registry';
import type { ClusterSpec, ProviderConnection } from '../../src/providers/spi';
import { REDIS, RedisConnection } from '../../src/queue/redis.module';
import { clusterBody, drain, getCluster, nodeCount, requestCluster, settle, simCredential, simNodeNames } from '../support/clusters';
import { TestRedisCluster } from '../support/redis-cluster';
import { startTestApp, TestApp, TestTenant } from '../support/test-app';
import { until } from '../support/until';

describe('herd on a 3-master Redis Cluster (real redis-servers, BullMQ, PostgreSQL, sim)', () => {
  let redisCluster: TestRedisCluster;
  let app: TestApp;
  let tenant: TestTenant;
  let credential: string;
  let config: HerdConfig;
  let sim: ProviderConnection;

  beforeAll(async () => {
    redisCluster = await TestRedisCluster.start(3);
    app = await startTestApp({
      ownDatabase: true,
      env: { REDIS_URL: '', HERD_REDIS_CLUSTER_NODES: redisCluster.seeds, HERD_POLL_MAX_MS: '100', HERD_MONITOR_INTERVAL_MS: '200', HERD_QUOTA_CLUSTERS: '100', HERD_QUOTA_NODES: '1000' },
    });
    config = app.herd.context.get<symbol, HerdConfig>(HERD_CONFIG);
    tenant = await app.newTenant();
    credential = await simCredential(app, tenant, { latencyMs: 5 });
    sim = await app.herd.context.get(ProviderRegistry).connect('sim', 'default', {});
  }, 90_000);

  afterAll(async () => {
    await app?.close();
    await redisCluster?.stop();
  });

  it('runs on the cluster with a hash-tagged prefix', () => {
    expect(config.redis.mode).toBe('cluster');
    expect(config.redisPrefix).toMatch(/^\{herd-test-[0-9a-f]+\}$/);
  });

  it('provisions, scales and deletes a sim cluster, with its events', async () => {
    const { id, operationId } = await requestCluster(app, tenant, clusterBody(credential, 2));
    expect(await settle(app, tenant, operationId)).toMatchObject({ status: 'succeeded', type: 'create' });
    let cluster = await getCluster(app, tenant, id);
    expect(cluster).toMatchObject({ status: 'AVAILABLE', health: 'HEALTHY' });
    expect(nodeCount(cluster)).toBe(3);
    expect(await simNodeNames(app, id)).toHaveLength(3);

    const up = await request(app.baseUrl).put(`/v1/clusters/${id}/host-groups/worker`).set('Authorization', tenant.auth).send({ nodeCount: 4 }).expect(202);
    expect(await settle(app, tenant, up.body.operationId)).toMatchObject({ status: 'succeeded' });
    cluster = await getCluster(app, tenant, id);
    expect(cluster.status).toBe('AVAILABLE');
    expect(await simNodeNames(app, id)).toHaveLength(5);

    const down = await request(app.baseUrl).put(`/v1/clusters/${id}/host-groups/worker`).set('Authorization', tenant.auth).send({ nodeCount: 1 }).expect(202);
    expect(await settle(app, tenant, down.body.operationId)).toMatchObject({ status: 'succeeded' });
    expect(await simNodeNames(app, id)).toHaveLength(2);

    const events = await request(app.baseUrl).get(`/v1/clusters/${id}/events?limit=500`).set('Authorization', tenant.auth).expect(200);
    const messages: string[] = events.body.items.map((event: { message: string }) => event.message);
    expect(messages.some((message) => /Status REQUESTED -> PROVISIONING/.test(message))).toBe(true);
    expect(messages.some((message) => /Status UPDATING -> AVAILABLE/.test(message))).toBe(true);

    const removal = await request(app.baseUrl).delete(`/v1/clusters/${id}`).set('Authorization', tenant.auth).expect(202);
    expect(await settle(app, tenant, removal.body.operationId)).toMatchObject({ status: 'succeeded', type: 'delete' });
    expect((await getCluster(app, tenant, id)).status).toBe('DELETED');
    expect(await simNodeNames(app, id)).toEqual([]);
    await drain(app);
  });

  it('appends every event to the feed stream on the cluster', async () => {
    const redis = app.herd.context.get<symbol, RedisConnection>(REDIS);
    await until('events in the feed', () => redis.xlen(eventFeedKey(config.redisPrefix)), (length) => length > 0);
  });

  it('monitors an AVAILABLE cluster: a node stopped behind herd\'s back makes it DEGRADED, started again HEALTHY', async () => {
    const { id, operationId } = await requestCluster(app, tenant, clusterBody(credential, 2));
    expect(await settle(app, tenant, operationId)).toMatchObject({ status: 'succeeded' });
    const spec = { tag: id } as ClusterSpec;
    const worker = (await sim.describe(spec)).find((node) => node.name.endsWith('-worker-1'))!;
    await sim.power!.stop(spec, [worker]);
    await until('DEGRADED', () => getCluster(app, tenant, id), (cluster) => cluster.health === 'DEGRADED');
    await sim.power!.start(spec, [worker]);
    await until('HEALTHY', () => getCluster(app, tenant, id), (cluster) => cluster.health === 'HEALTHY');
    const events = await request(app.baseUrl).get(`/v1/clusters/${id}/events?limit=500`).set('Authorization', tenant.auth).expect(200);
    const health = events.body.items.filter((event: { type: string }) => event.type === 'health').map((event: { data: { to: string } }) => event.data.to);
    expect(health).toEqual(expect.arrayContaining(['DEGRADED', 'HEALTHY']));
  });

  it('writes every key, herd\'s and BullMQ\'s, in the one hash slot of its tag', async () => {
    const node = redisCluster.node();
    try {
      const slot = Number(await node.cluster('KEYSLOT', config.redisPrefix));
      const keys: string[] = [];
      for (let i = 0; i < redisCluster.ports.length; i++) {
        const master = redisCluster.node(i);
        try {
          let cursor = '0';
          do {
            const [next, batch] = await master.scan(cursor, 'COUNT', 1000);
            keys.push(...batch);
            cursor = next;
          } while (cursor !== '0');
        } finally {
          master.disconnect();
        }
      }
      const kinds = (pattern: RegExp) => keys.filter((key) => pattern.test(key)).length;
      expect(kinds(/:deployment$/)).toBe(1);
      expect(kinds(/:operations:/)).toBeGreaterThan(0);
      expect(kinds(/:monitoring:/)).toBeGreaterThan(0);
      expect(kinds(/:sim:cluster:/)).toBeGreaterThan(0);
      expect(kinds(/:monitor:samples:/)).toBeGreaterThan(0);
      expect(kinds(/:event-feed$/)).toBe(1);
      expect(kinds(/:ratelimit:/)).toBeGreaterThan(0);
      const elsewhere: string[] = [];
      for (const key of keys) {
        if (!key.startsWith(config.redisPrefix) || Number(await node.cluster('KEYSLOT', key)) !== slot) elsewhere.push(key);
      }
      expect(elsewhere).toEqual([]);
    } finally {
      node.disconnect();
    }
  });
});
