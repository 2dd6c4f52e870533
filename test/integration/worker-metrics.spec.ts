import { Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import type { AddressInfo } from 'node:net';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppModule } from '../../src/app.module';
import { loadConfig } from '../../src/config/config';
import { MetricsModule } from '../../src/modules/monitoring';
import { clusterBody, requestCluster, settle, simCredential } from '../support/clusters';
import { createIsolatedDatabase, IsolatedDatabase } from '../support/isolated-database';
import { parsePrometheus, sumOf } from '../support/prometheus-samples';
import { startTestApp, TestApp, testRedisPrefix } from '../support/test-app';
import { until } from '../support/until';

/**
 * MetricsModule in the worker role, beside the worker modules only (no TenancyModule): what a
 * worker process's own HTTP port serves. An api-role app of the same deployment takes the requests.
 */
const PROBE_INTERVAL_MS = 1_500;

describe('GET /metrics of a worker-role process (real BullMQ workers, sim provider)', () => {
  let database: IsolatedDatabase;
  let api: TestApp;
  let worker: NestExpressApplication;
  let workerUrl: string;

  beforeAll(async () => {
    database = await createIsolatedDatabase('worker_metrics');
    const env = { DATABASE_URL: database.url, HERD_REDIS_PREFIX: testRedisPrefix(), HERD_MONITOR_INTERVAL_MS: String(PROBE_INTERVAL_MS) };
    api = await startTestApp({ role: 'api', env });
    const config = loadConfig({ ...process.env, ...env, HERD_ROLE: 'worker', PORT: '0', LOG_LEVEL: 'warn' });
    @Module({ imports: [AppModule.forRoot({ config }), MetricsModule] })
    class WorkerWithMetrics {}
    worker = await NestFactory.create<NestExpressApplication>(WorkerWithMetrics, { logger: ['error'], abortOnError: false });
    await worker.listen(0, '127.0.0.1');
    workerUrl = `http://127.0.0.1:${(worker.getHttpServer().address() as AddressInfo).port}`;
  });

  afterAll(async () => {
    await worker?.close();
    await api?.close();
    await database?.drop();
  });

  it('counts the operations, provider calls and jobs the worker ran, and the API process counts none of them', async () => {
    const tenant = await api.newTenant('member');
    const { operationId } = await requestCluster(api, tenant, clusterBody(await simCredential(api, tenant), 1));
    expect((await settle(api, tenant, operationId)).status).toBe('succeeded');
    const res = await request(workerUrl).get('/metrics');
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('text/plain; version=0.0.4; charset=utf-8');
    const own = parsePrometheus(res.text);
    expect(sumOf(own, 'herd_operations_total', { type: 'create', outcome: 'succeeded' })).toBe(1);
    expect(sumOf(own, 'herd_provider_calls_total', { provider: 'sim/default', call: 'apply', outcome: 'ok' })).toBeGreaterThanOrEqual(1);
    expect(sumOf(own, 'herd_job_wait_seconds_count', { queue: 'operations', job: 'cluster.create' })).toBe(1);
    expect(sumOf(own, 'herd_job_run_seconds_count', { queue: 'operations', job: 'cluster.create', outcome: 'completed' })).toBe(1);
    expect(sumOf(own, 'process_resident_memory_bytes')).toBeGreaterThan(0);

    const admin = `Bearer ${await tenant.keyWithRole('admin')}`;
    const fromApi = parsePrometheus((await request(api.baseUrl).get('/metrics').set('Authorization', admin)).text);
    expect(sumOf(fromApi, 'herd_operations_total')).toBe(0);
    expect(sumOf(fromApi, 'herd_job_run_seconds_count')).toBe(0);
    expect(sumOf(fromApi, 'herd_http_request_duration_seconds_count', { method: 'POST', route: '/v1/clusters', status: '202' })).toBe(1);
    expect(sumOf(own, 'herd_fleet_exporter') + sumOf(fromApi, 'herd_fleet_exporter')).toBe(1);
  });

  it('counts a repeated probe\'s wait from when it was due, not from when it was scheduled one interval earlier', async () => {
    const tenant = await api.newTenant('member');
    const { operationId } = await requestCluster(api, tenant, clusterBody(await simCredential(api, tenant), 1));
    expect((await settle(api, tenant, operationId)).status).toBe('succeeded');
    const probeWaits = async () => {
      const own = parsePrometheus((await request(workerUrl).get('/metrics')).text);
      return { count: sumOf(own, 'herd_job_wait_seconds_count', { job: 'cluster.probe' }), sum: sumOf(own, 'herd_job_wait_seconds_sum', { job: 'cluster.probe' }) };
    };
    // Past the first probe of each cluster, which is due at once: the next ones were each scheduled an interval ahead.
    const start = await until('first probes', probeWaits, (waits) => waits.count >= 2, 20_000);
    const later = await until('four more probes', probeWaits, (waits) => waits.count >= start.count + 4, 20_000);
    expect((later.sum - start.sum) / (later.count - start.count)).toBeLessThan(PROBE_INTERVAL_MS / 1000 / 3);
  });
});
