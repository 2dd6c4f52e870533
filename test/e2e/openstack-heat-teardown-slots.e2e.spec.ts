import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HeatAdapter } from '../../src/providers/openstack/heat/heat.provider';
import type { HeatConnection } from '../../src/providers/openstack/heat/heat.connection';
import { openstackTestEnv, skipMessage, type OpenStackTestEnv } from '../contract/openstack-env';
import { waitFor } from '../contract/openstack-fixtures';
import { getCluster, requestCluster, settle } from '../support/clusters';
import { startTestApp, type TestApp, type TestTenant } from '../support/test-app';

const probe = openstackTestEnv();
if (probe.reason) skipMessage(probe.reason);

const CLOUDS = join(__dirname, '..', '..', '.tmp', 'openstack', 'clouds.yaml');
const OPTIONS = { image: 'tiny', networks: 'none' };

/** One worker process, one openstack/heat call at a time: a wait inside a call would hold the only slot. */
describe.skipIf(!probe.env)('two Heat clusters deleted at once with HERD_PROVIDER_CONCURRENCY=1', () => {
  const env = probe.env as OpenStackTestEnv;
  let app: TestApp;
  let tenant: TestTenant;
  let heat: HeatConnection;

  beforeAll(async () => {
    app = await startTestApp({ env: { HERD_PROVIDER_CONCURRENCY: '1', HERD_POLL_MAX_MS: '500', HERD_CALLBACK_URL: 'http://herd.example.test/v1/node-callbacks' } });
    tenant = await app.newTenant();
    heat = new HeatAdapter().connect({ ...env.user });
  });
  afterAll(async () => {
    await app?.close();
  });

  const stackOf = (clusterId: string) => heat.heat.findStack(`herd-${clusterId}`);

  it('tears both down side by side: while one stack is being deleted, the other cluster still gets its provider calls', async () => {
    const imported = await request(app.baseUrl)
      .post('/v1/credentials/import')
      .set('Authorization', tenant.auth)
      .send({ name: 'os-heat-slots', provider: 'openstack', variant: 'heat', format: 'clouds.yaml', content: readFileSync(CLOUDS, 'utf8'), cloud: 'herd-test' });
    expect(imported.status, JSON.stringify(imported.body)).toBe(201);
    const body = (name: string) => ({
      name,
      blueprint: 'hadoop-single-master',
      credential: imported.body.id,
      hostGroups: [
        { name: 'master', nodeCount: 1, instanceType: 'm1.tiny', options: OPTIONS },
        { name: 'worker', nodeCount: 1, instanceType: 'm1.tiny', options: OPTIONS },
      ],
    });
    // nobody plays the VMs, so both creates wait for callbacks that never come, on complete stacks
    const a = await requestCluster(app, tenant, body(`slots-a-${Date.now()}`));
    const b = await requestCluster(app, tenant, body(`slots-b-${Date.now()}`));
    for (const cluster of [a, b]) {
      await waitFor(`the stack of ${cluster.id}`, async () => ((await stackOf(cluster.id))?.stack_status === 'CREATE_COMPLETE' ? true : undefined), 180_000, 250);
    }

    const asked = Date.now();
    const deletions = await Promise.all([a, b].map((cluster) => request(app.baseUrl).delete(`/v1/clusters/${cluster.id}`).set('Authorization', tenant.auth).expect(202)));
    const gone = new Map<string, number>();
    let bothDeleting = 0;
    for (;;) {
      const stacks = await Promise.all([a, b].map((cluster) => stackOf(cluster.id)));
      for (const [i, stack] of stacks.entries()) if (!stack && !gone.has([a, b][i].id)) gone.set([a, b][i].id, Date.now() - asked);
      if (stacks.every((stack) => stack?.stack_status === 'DELETE_IN_PROGRESS')) bothDeleting++;
      if (gone.size === 2 || Date.now() - asked > 180_000) break;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    console.info(`Heat stacks gone ${[...gone.values()].join(' ms and ')} ms after both deletes were asked; seen both DELETE_IN_PROGRESS in ${bothDeleting} polls`);
    expect(gone.size).toBe(2);
    expect(bothDeleting, 'polls (every 100 ms) that saw both stacks being deleted at once').toBeGreaterThan(0);

    for (const [i, deletion] of deletions.entries()) {
      expect(await settle(app, tenant, deletion.body.operationId, 120_000)).toMatchObject({ status: 'succeeded' });
      expect((await getCluster(app, tenant, [a, b][i].id)).status).toBe('DELETED');
    }
  }, 420_000);
});
