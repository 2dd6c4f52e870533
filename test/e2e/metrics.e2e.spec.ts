import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { clusterBody, getCluster, requestCluster, settle, simCredential } from '../support/clusters';
import { parsePrometheus, PrometheusSample, samplesOf, sumOf } from '../support/prometheus-samples';
import { startTestApp, TestApp, TestTenant } from '../support/test-app';

describe('GET /metrics with prom-client (real herd, BullMQ workers, sim provider)', () => {
  let app: TestApp;
  let tenant: TestTenant;
  let adminAuth: string;
  let before: PrometheusSample[];
  let after: PrometheusSample[];
  let afterText: string;
  let clusterId: string;
  const scrape = async () => {
    const res = await request(app.baseUrl).get('/metrics').set('Authorization', adminAuth);
    expect(res.status).toBe(200);
    return res;
  };

  beforeAll(async () => {
    app = await startTestApp({ ownDatabase: true });
    tenant = await app.newTenant('member');
    adminAuth = `Bearer ${await tenant.keyWithRole('admin')}`;
    const credential = await simCredential(app, tenant);
    before = parsePrometheus((await scrape()).text);
    const { id, operationId } = await requestCluster(app, tenant, clusterBody(credential, 2));
    clusterId = id;
    expect((await settle(app, tenant, operationId)).status).toBe('succeeded');
    await getCluster(app, tenant, clusterId);
    await request(app.baseUrl).get(`/v1/no-such-route/${clusterId}`).set('Authorization', tenant.auth);
    const res = await scrape();
    afterText = res.text;
    after = parsePrometheus(afterText);
  });

  afterAll(async () => {
    await app?.close();
  });

  it('answers in prom-client\'s exposition format, to an admin only', async () => {
    expect((await scrape()).headers['content-type']).toBe('text/plain; version=0.0.4; charset=utf-8');
    expect((await request(app.baseUrl).get('/metrics').set('Authorization', tenant.auth)).status).toBe(403);
    expect((await request(app.baseUrl).get('/metrics')).status).toBe(401);
  });

  it('counts the finished create operation once', () => {
    const succeededCreates = (samples: PrometheusSample[]) => sumOf(samples, 'herd_operations_total', { type: 'create', outcome: 'succeeded' });
    expect(succeededCreates(after) - succeededCreates(before)).toBe(1);
    expect(afterText).toMatch(/^# TYPE herd_operations_total counter$/m);
  });

  it('times HTTP requests by route template, never by raw id', () => {
    const byRoute = samplesOf(after, 'herd_http_request_duration_seconds_count', { method: 'GET', route: '/v1/clusters/:idOrName', status: '200' });
    expect(byRoute).toHaveLength(1);
    expect(byRoute[0].value).toBeGreaterThanOrEqual(1);
    expect(sumOf(after, 'herd_http_request_duration_seconds_count', { method: 'POST', route: '/v1/clusters', status: '202' })).toBe(1);
    expect(sumOf(after, 'herd_http_request_duration_seconds_count', { route: 'unmatched', status: '404' })).toBeGreaterThanOrEqual(1);
    const routes = samplesOf(after, 'herd_http_request_duration_seconds_count').map((sample) => sample.labels.route);
    expect(routes.filter((route) => route.includes(clusterId))).toEqual([]);
    expect(samplesOf(after, 'herd_http_request_duration_seconds_bucket', { route: '/v1/clusters/:idOrName', le: '+Inf' })).not.toHaveLength(0);
  });

  it('counts and times the sim adapter\'s calls by call and outcome', () => {
    expect(sumOf(after, 'herd_provider_calls_total', { provider: 'sim/default', call: 'apply', outcome: 'ok' })).toBeGreaterThanOrEqual(1);
    expect(sumOf(after, 'herd_provider_calls_total', { provider: 'sim/default', call: 'describe', outcome: 'ok' })).toBeGreaterThanOrEqual(1);
    const describes = sumOf(after, 'herd_provider_call_duration_seconds_count', { provider: 'sim/default', call: 'describe' });
    expect(describes).toBe(sumOf(after, 'herd_provider_calls_total', { provider: 'sim/default', call: 'describe' }));
    expect(sumOf(after, 'herd_provider_call_duration_seconds_sum', { provider: 'sim/default', call: 'describe' })).toBeGreaterThan(0);
  });

  it('has the create job\'s wait in its queue and its run time with its outcome', () => {
    expect(sumOf(after, 'herd_job_wait_seconds_count', { queue: 'operations', job: 'cluster.create' }) - sumOf(before, 'herd_job_wait_seconds_count', { queue: 'operations', job: 'cluster.create' })).toBe(1);
    expect(sumOf(after, 'herd_job_run_seconds_count', { queue: 'operations', job: 'cluster.create', outcome: 'completed' })).toBe(1);
    expect(sumOf(after, 'herd_job_run_seconds_sum', { queue: 'operations', job: 'cluster.create', outcome: 'completed' })).toBeGreaterThan(0);
  });

  it('exports the process and Node runtime figures', () => {
    for (const name of ['process_cpu_user_seconds_total', 'process_resident_memory_bytes', 'nodejs_heap_size_used_bytes', 'nodejs_eventloop_lag_seconds']) expect(samplesOf(after, name)).not.toHaveLength(0);
  });

  it('exports the fleet-wide series, being the only process of its deployment', () => {
    expect(sumOf(after, 'herd_fleet_exporter')).toBe(1);
    expect(samplesOf(after, 'herd_cluster_status', { cluster_id: clusterId, status: 'AVAILABLE' })).toEqual([expect.objectContaining({ value: 1 })]);
    expect(sumOf(after, 'herd_redis_up')).toBe(1);
  });
});
