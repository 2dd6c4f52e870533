import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fleetLockKey } from '../../src/modules/monitoring/fleet-exporter';
import { clusterBody, requestCluster, settle, simCredential } from '../support/clusters';
import { createIsolatedDatabase, IsolatedDatabase } from '../support/isolated-database';
import { parsePrometheus, PrometheusSample, samplesOf, sumOf } from '../support/prometheus-samples';
import { startTestApp, TestApp, testRedisPrefix } from '../support/test-app';

describe('the fleet-wide series come from one process of a deployment (two herd apps, one database and Redis prefix)', () => {
  let database: IsolatedDatabase;
  let first: TestApp;
  let second: TestApp;
  let adminAuth: string;
  let clusterId: string;
  const prefix = testRedisPrefix();
  const scrape = async (app: TestApp): Promise<PrometheusSample[]> => {
    const res = await request(app.baseUrl).get('/metrics').set('Authorization', adminAuth);
    expect(res.status).toBe(200);
    return parsePrometheus(res.text);
  };
  const perCluster = (samples: PrometheusSample[]) => samplesOf(samples, 'herd_cluster_status', { cluster_id: clusterId });

  beforeAll(async () => {
    database = await createIsolatedDatabase('fleet');
    const env = { DATABASE_URL: database.url, HERD_REDIS_PREFIX: prefix };
    first = await startTestApp({ env });
    second = await startTestApp({ env });
    const tenant = await first.newTenant('member');
    adminAuth = `Bearer ${await tenant.keyWithRole('admin')}`;
    const { id, operationId } = await requestCluster(first, tenant, clusterBody(await simCredential(first, tenant), 1));
    clusterId = id;
    expect((await settle(first, tenant, operationId)).status).toBe('succeeded');
  });

  afterAll(async () => {
    await first?.close();
    await second?.close();
    await database?.drop();
  });

  it('has the per-cluster series in exactly one scrape, and herd_fleet_exporter sums to 1', async () => {
    const scrapes = [await scrape(first), await scrape(second), await scrape(first), await scrape(second)];
    const exporters = scrapes.map((samples) => sumOf(samples, 'herd_fleet_exporter'));
    expect(exporters[0] + exporters[1]).toBe(1);
    expect(exporters.slice(2)).toEqual(exporters.slice(0, 2));
    for (const [index, samples] of scrapes.entries()) {
      expect(perCluster(samples)).toHaveLength(exporters[index]);
      expect(samplesOf(samples, 'herd_redis_up')).toHaveLength(exporters[index]);
      expect(samplesOf(samples, 'herd_queue_jobs')).toHaveLength(exporters[index] === 1 ? 18 : 0);
      // Each process has its own figures whichever exports the fleet.
      expect(samplesOf(samples, 'process_resident_memory_bytes')).toHaveLength(1);
    }
    expect(sumOf([...scrapes[0], ...scrapes[1]], 'herd_cluster_status', { cluster_id: clusterId, status: 'AVAILABLE' })).toBe(1);
  });

  it('moves the fleet series to the other process when the exporter\'s lock connection dies, as with a killed process', async () => {
    const holder = sumOf(await scrape(first), 'herd_fleet_exporter') === 1 ? first : second;
    const other = holder === first ? second : first;
    const key = BigInt.asUintN(64, BigInt(fleetLockKey(prefix)));
    const killed = await holder.db.query(
      `SELECT pg_terminate_backend(pid) AS killed FROM pg_locks WHERE locktype = 'advisory' AND database = (SELECT oid FROM pg_database WHERE datname = current_database()) AND classid = $1 AND objid = $2`,
      [String(key >> 32n), String(key & 0xffffffffn)],
    );
    expect(killed).toEqual([{ killed: true }]);
    const taken = await scrape(other);
    expect(sumOf(taken, 'herd_fleet_exporter')).toBe(1);
    expect(perCluster(taken)).toHaveLength(1);
    const left = await scrape(holder);
    expect(sumOf(left, 'herd_fleet_exporter')).toBe(0);
    expect(perCluster(left)).toHaveLength(0);
  });

  it('hands the fleet series to the other process once the exporter closes', async () => {
    const firstExports = sumOf(await scrape(first), 'herd_fleet_exporter') === 1;
    const [holder, other] = firstExports ? [first, second] : [second, first];
    expect(sumOf(await scrape(other), 'herd_fleet_exporter')).toBe(0);
    await holder.close();
    const taken = await scrape(other);
    expect(sumOf(taken, 'herd_fleet_exporter')).toBe(1);
    expect(perCluster(taken)).toEqual([expect.objectContaining({ labels: expect.objectContaining({ status: 'AVAILABLE' }), value: 1 })]);
    if (holder === first) first = undefined as never;
    else second = undefined as never;
  });
});
