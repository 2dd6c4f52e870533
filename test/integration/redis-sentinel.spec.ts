import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HERD_CONFIG, HerdConfig } from '../../src/config/config';
import { REDIS, RedisConnection } from '../../src/queue/redis.module';
import { withinRedisDeadline } from '../../src/queue/redis-deadline';
import { clusterBody, getCluster, requestCluster, settle, simCredential, simNodeNames } from '../support/clusters';
import { TestRedisSentinel, SENTINEL_MASTER_NAME } from '../support/redis-sentinel';
import { startTestApp, TestApp, TestTenant } from '../support/test-app';
import { until } from '../support/until';

const PASSWORD = 'redis-data-pw-5f1c2a';
const SENTINEL_PASSWORD = 'redis-sentinel-pw-9b7e4d';

describe('herd on Redis Sentinel: a failover of the master (real redis-servers and Sentinels, BullMQ, PostgreSQL, sim)', () => {
  let sentinel: TestRedisSentinel;
  let app: TestApp;
  let tenant: TestTenant;
  let credential: string;
  const servingPort = async () => Number(/tcp_port:(\d+)/.exec(await withinRedisDeadline(app.herd.context.get<symbol, RedisConnection>(REDIS).info('server'), 'INFO'))?.[1]);

  beforeAll(async () => {
    sentinel = await TestRedisSentinel.start({ password: PASSWORD, sentinelPassword: SENTINEL_PASSWORD });
    app = await startTestApp({
      ownDatabase: true,
      env: {
        REDIS_URL: '',
        HERD_REDIS_SENTINELS: sentinel.sentinels,
        HERD_REDIS_SENTINEL_NAME: SENTINEL_MASTER_NAME,
        HERD_REDIS_PASSWORD: PASSWORD,
        HERD_REDIS_SENTINEL_PASSWORD: SENTINEL_PASSWORD,
        HERD_POLL_MAX_MS: '100',
        // A job whose worker lost its connection is handed over within a few seconds.
        HERD_JOB_LOCK_MS: '4000',
        HERD_OPERATION_SWEEP_MS: '2000',
      },
    });
    tenant = await app.newTenant();
    credential = await simCredential(app, tenant, { latencyMs: 5 });
  }, 90_000);

  afterAll(async () => {
    await app?.close();
    await sentinel?.stop();
  });

  it('finds the master through the Sentinels and provisions a sim cluster on it', async () => {
    expect(app.herd.context.get<symbol, HerdConfig>(HERD_CONFIG).redis.mode).toBe('sentinel');
    expect(await servingPort()).toBe(sentinel.masterPort);
    const { id, operationId } = await requestCluster(app, tenant, clusterBody(credential, 2));
    expect(await settle(app, tenant, operationId)).toMatchObject({ status: 'succeeded' });
    expect((await getCluster(app, tenant, id)).status).toBe('AVAILABLE');
    expect(await simNodeNames(app, id)).toHaveLength(3);
  });

  it('follows the promoted replica when the master dies during a provision: that provision converges and another succeeds', async () => {
    const slow = await simCredential(app, tenant, { latencyMs: 300 });
    const inFlight = await requestCluster(app, tenant, clusterBody(slow, 3));
    await until('the provision running', () => getCluster(app, tenant, inFlight.id), (cluster) => cluster.status === 'PROVISIONING');
    const killed = await sentinel.killMaster();
    expect(killed).toBe(sentinel.masterPort);
    await until('the Sentinels to promote the replica', () => sentinel.currentMasterPort(), (port) => port === sentinel.replicaPort, 30_000);
    await until('herd on the new master', () => servingPort().catch(() => 0), (port) => port === sentinel.replicaPort, 30_000);

    expect(await settle(app, tenant, inFlight.operationId, 90_000)).toMatchObject({ status: 'succeeded' });
    expect(await simNodeNames(app, inFlight.id)).toHaveLength(4);

    const { id, operationId } = await requestCluster(app, tenant, clusterBody(credential, 1));
    expect(await settle(app, tenant, operationId, 60_000)).toMatchObject({ status: 'succeeded' });
    expect((await getCluster(app, tenant, id)).status).toBe('AVAILABLE');
    expect(await simNodeNames(app, id)).toHaveLength(2);
  });

  it('never logs either password', () => {
    const logs = app.logs();
    expect(logs).not.toContain(PASSWORD);
    expect(logs).not.toContain(SENTINEL_PASSWORD);
  });
});
