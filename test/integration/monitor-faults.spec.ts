import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { clusterBody, getCluster, requestCluster, settle, simCredential } from '../support/clusters';
import { startTestApp, TestApp, TestTenant } from '../support/test-app';
import { until } from '../support/until';

const INTERVAL_MS = 1000;
const PROBES = 8;

/** A provider whose describe fails now and then must not make the health flap: the probe retries it. */
describe('the monitor under transient provider faults', () => {
  let app: TestApp;
  let tenant: TestTenant;

  beforeAll(async () => {
    app = await startTestApp({ ownDatabase: true, env: { HERD_MONITOR_INTERVAL_MS: String(INTERVAL_MS) } });
    tenant = await app.newTenant();
  });
  afterAll(async () => {
    await app?.close();
  });

  it(`keeps a healthy cluster HEALTHY over ${PROBES} probes while 30% of describe calls fail`, async () => {
    const flaky = await simCredential(app, tenant, { transientFailureRate: { describe: 0.3 } });
    const { id, operationId } = await requestCluster(app, tenant, clusterBody(flaky, 1));
    expect(await settle(app, tenant, operationId, 60_000)).toMatchObject({ status: 'succeeded' });
    const probedAt = async () => ((await app.db.query('SELECT health_checked_at FROM clusters WHERE id = $1', [id])) as { health_checked_at: Date }[])[0]!.health_checked_at.getTime();
    let last = await probedAt();
    for (let probe = 0; probe < PROBES; probe++) last = await until(`probe ${probe + 1}`, probedAt, (at) => at > last, 30_000);
    const events = (await request(app.baseUrl).get(`/v1/clusters/${id}/events?limit=500`).set('Authorization', tenant.auth).expect(200)).body.items;
    expect(events.filter((event: { type: string }) => event.type === 'health')).toEqual([]);
    expect((await getCluster(app, tenant, id)).health).toBe('HEALTHY');
  });
});
