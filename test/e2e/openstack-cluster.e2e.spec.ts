import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CLUSTER_INPUTS, type ClusterInputs } from '../../src/modules/clusters/cluster-inputs';
import { ClusterSpecBuilder } from '../../src/modules/clusters/cluster-spec.builder';
import { HeatAdapter } from '../../src/providers/openstack/heat/heat.provider';
import type { NovaApi } from '../../src/providers/openstack/nova/nova.client';
import { NovaAdapter } from '../../src/providers/openstack/nova/nova.provider';
import type { ProviderConnection } from '../../src/providers/spi';
import { openstackTestEnv, skipMessage, type OpenStackTestEnv } from '../contract/openstack-env';
import { getCluster, requestCluster } from '../support/clusters';
import { startTestApp, type TestApp, type TestTenant } from '../support/test-app';
import { VmNodes } from '../support/vm-nodes';

const probe = openstackTestEnv();
if (probe.reason) skipMessage(probe.reason);

/** What the user_data must hold; the test then points the callback at the test app. */
const PUBLIC_CALLBACK = 'http://herd.example.test/v1/node-callbacks';
const OPTIONS = { image: 'tiny', networks: 'none' };
const CLOUDS = join(__dirname, '..', '..', '.tmp', 'openstack', 'clouds.yaml');
const EXPECTED_CONTAINERS: Record<string, string[]> = {
  master: ['herd-namenode', 'herd-secondary_namenode', 'herd-resourcemanager', 'herd-historyserver'],
  worker: ['herd-datanode', 'herd-nodemanager'],
};

describe.skipIf(!probe.env)('a cluster on OpenStack through the HTTP API, nodes reporting by callback', () => {
  const env = probe.env as OpenStackTestEnv;
  let app: TestApp;
  let tenant: TestTenant;

  beforeAll(async () => {
    app = await startTestApp({ env: { HERD_POLL_MAX_MS: '500', HERD_CALLBACK_URL: PUBLIC_CALLBACK, HERD_MONITOR_INTERVAL_MS: '500' } });
    tenant = await app.newTenant();
  });
  afterAll(async () => {
    await app?.close();
  });

  async function connectionFor(credentialId: string): Promise<ProviderConnection> {
    const inputs = app.herd.context.get<symbol, ClusterInputs>(CLUSTER_INPUTS, { strict: false });
    return inputs.connect(await inputs.credential({ tenantId: tenant.tenantId }, credentialId));
  }

  /** What the provider holds with the cluster's tag now. */
  async function observeNow(credentialId: string, clusterId: string) {
    const specs = app.herd.context.get(ClusterSpecBuilder, { strict: false });
    const inputs = app.herd.context.get<symbol, ClusterInputs>(CLUSTER_INPUTS, { strict: false });
    const cluster = await getCluster(app, tenant, clusterId);
    const blueprint = await inputs.blueprint({ tenantId: tenant.tenantId }, cluster.blueprintId);
    const spec = await specs.build({ id: cluster.id, tenantId: tenant.tenantId, name: cluster.name, hostGroups: cluster.hostGroups }, blueprint);
    return { spec, nodes: await (await connectionFor(credentialId)).describe(spec) };
  }

  /** Waits for the operation, playing each VM the moment its server appears. */
  async function settlePlaying(vms: VmNodes, clusterId: string, operationId: string, timeoutMs = 240_000) {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const operation = await request(app.baseUrl).get(`/v1/operations/${operationId}`).set('Authorization', tenant.auth).expect(200);
      if (!['queued', 'running'].includes(operation.body.status)) return operation.body;
      if (Date.now() > deadline) throw new Error(`operation ${operationId} still ${operation.body.status} (${operation.body.step})`);
      const cluster = await getCluster(app, tenant, clusterId);
      await vms.playNew(cluster.hostGroups.flatMap((group: { nodes: { name: string; providerId: string | null }[] }) => group.nodes));
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  }

  /** The name of a node whose server is ACTIVE in Nova but which has not been played. */
  async function waitForActiveUnplayed(vms: VmNodes, nova: NovaApi, clusterId: string): Promise<string> {
    const deadline = Date.now() + 120_000;
    for (;;) {
      const cluster = await getCluster(app, tenant, clusterId);
      for (const node of cluster.hostGroups.flatMap((group: { nodes: { name: string; providerId: string | null }[] }) => group.nodes)) {
        if (!node.providerId || [...vms.played.values()].some((played) => played.providerId === node.providerId)) continue;
        if ((await nova.getServer(node.providerId))?.status === 'ACTIVE') return node.name as string;
      }
      if (Date.now() > deadline) throw new Error('no new server became ACTIVE');
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  }

  /** The cluster's latest health event once the monitor has recorded `health`. */
  async function healthAfter(clusterId: string, health: string): Promise<{ message: string }> {
    const deadline = Date.now() + 30_000;
    for (;;) {
      const cluster = await getCluster(app, tenant, clusterId);
      if (cluster.health === health) {
        const events = await request(app.baseUrl).get(`/v1/clusters/${clusterId}/events?limit=500`).set('Authorization', tenant.auth).expect(200);
        return events.body.items.filter((event: { type: string }) => event.type === 'health').at(-1);
      }
      if (Date.now() > deadline) throw new Error(`cluster health still ${cluster.health}, not ${health}`);
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  }

  it('reads a Keystone 401 the same way in validate and in verify: the credential is rejected, a 400 naming it', async () => {
    const wrong = await request(app.baseUrl)
      .post('/v1/credentials')
      .set('Authorization', tenant.auth)
      .send({ name: 'os-wrong-password', provider: 'openstack', variant: 'nova', parameters: { ...env.user, password: 'not-the-password' } });
    expect(wrong.status, JSON.stringify(wrong.body)).toBe(201);
    const verified = await request(app.baseUrl).post(`/v1/credentials/${wrong.body.id}/verify`).set('Authorization', tenant.auth).expect(200);
    expect(verified.body).toMatchObject({ ok: false, message: expect.stringMatching(/^The provider rejected the credential/) });
    const validated = await request(app.baseUrl)
      .post('/v1/clusters/validate')
      .set('Authorization', tenant.auth)
      .send({ name: 'os-wrong', blueprint: 'hadoop-single-master', credential: wrong.body.id, hostGroups: [{ name: 'master', nodeCount: 1, instanceType: 'm1.tiny', options: OPTIONS }, { name: 'worker', nodeCount: 1, instanceType: 'm1.tiny', options: OPTIONS }] });
    expect(validated.status, JSON.stringify(validated.body)).toBe(400);
    expect(validated.body.details).toEqual([{ field: 'credential', reason: expect.stringMatching(/^The provider rejected the credential/) }]);
  });

  for (const variant of ['nova', 'heat'] as const) {
    it(`openstack/${variant}: import, create, play the VMs, AVAILABLE, scale, stop, start, delete with nothing left`, async () => {
      const imported = await request(app.baseUrl)
        .post('/v1/credentials/import')
        .set('Authorization', tenant.auth)
        .send({ name: `os-${variant}`, provider: 'openstack', variant, format: 'clouds.yaml', content: readFileSync(CLOUDS, 'utf8'), cloud: 'herd-test' });
      expect(imported.status, JSON.stringify(imported.body)).toBe(201);
      expect(imported.text).not.toContain(env.user.password!);
      const credential = imported.body.id as string;

      const adminNova = (variant === 'nova' ? new NovaAdapter().connect({ ...env.admin }) : new HeatAdapter().connect({ ...env.admin }).nova).nova;
      const vms = new VmNodes(adminNova, `${app.baseUrl}/v1/node-callbacks`);
      const { id, operationId } = await requestCluster(app, tenant, {
        name: `os-${variant}-${Math.random().toString(36).slice(2, 8)}`,
        blueprint: 'hadoop-single-master',
        credential,
        hostGroups: [
          { name: 'master', nodeCount: 1, instanceType: 'm1.tiny', options: OPTIONS },
          { name: 'worker', nodeCount: 1, instanceType: 'm1.tiny', options: OPTIONS },
        ],
      });

      const created = await settlePlaying(vms, id, operationId);
      expect(created, JSON.stringify(created)).toMatchObject({ status: 'succeeded', error: null });
      const cluster = await getCluster(app, tenant, id);
      expect(cluster.status).toBe('AVAILABLE');
      const played = [...vms.played.values()];
      expect(played.map((node) => node.name).sort()).toEqual(cluster.hostGroups.flatMap((group: { nodes: { name: string }[] }) => group.nodes.map((node) => node.name)).sort());
      for (const node of played) {
        expect(node.callbackUrl).toBe(PUBLIC_CALLBACK);
        expect(node.token).toMatch(/^hnc_/);
        expect(node.run.status, node.run.log).toBe(0);
        const group = cluster.hostGroups.find((g: { nodes: { name: string }[] }) => g.nodes.some((n) => n.name === node.name)).name as string;
        const runs = node.run.docker.filter((args) => args[0] === 'run');
        expect(runs.map((args) => args[args.indexOf('--name') + 1]).sort()).toEqual([...EXPECTED_CONTAINERS[group]].sort());
      }
      // the token is the node's own: a second ready from it changes nothing, a made-up one is refused
      const first = played[0];
      await request(app.baseUrl).post('/v1/node-callbacks').set('Authorization', `Bearer ${first.token}x`).send({ event: 'ready', components: [] }).expect(401);

      // the monitor reads what the nodes report: a failed DATANODE degrades the cluster, its recovery heals it
      const worker = played.find((node) => node.name.includes('-worker-'))!;
      const report = (datanode: string) =>
        request(app.baseUrl)
          .post('/v1/node-callbacks')
          .set('Authorization', `Bearer ${worker.token}`)
          .send({ event: 'health', components: [{ name: 'DATANODE', status: datanode }, { name: 'NODEMANAGER', status: 'running' }] })
          .expect(200);
      await report('failed');
      expect((await healthAfter(id, 'DEGRADED')).message).toContain(`${worker.name} DATANODE failed`);
      await report('running');
      await healthAfter(id, 'HEALTHY');

      const scale = await request(app.baseUrl).put(`/v1/clusters/${id}/host-groups/worker`).set('Authorization', tenant.auth).send({ nodeCount: 2 }).expect(202);
      // Nova running is not enough: the scale waits for the new VM's callback
      const added = await waitForActiveUnplayed(vms, adminNova, id);
      await new Promise((resolve) => setTimeout(resolve, 1500));
      const waiting = await request(app.baseUrl).get(`/v1/operations/${scale.body.operationId}`).set('Authorization', tenant.auth).expect(200);
      expect(waiting.body.status, `${added} is ACTIVE in Nova but has not called back`).toBe('running');
      expect(await settlePlaying(vms, id, scale.body.operationId)).toMatchObject({ status: 'succeeded', error: null });
      expect(vms.played.size).toBe(3);
      expect((await getCluster(app, tenant, id)).status).toBe('AVAILABLE');

      const stop = await request(app.baseUrl).post(`/v1/clusters/${id}/stop`).set('Authorization', tenant.auth).expect(202);
      expect(await settlePlaying(vms, id, stop.body.operationId)).toMatchObject({ status: 'succeeded', error: null });
      expect((await getCluster(app, tenant, id)).status).toBe('STOPPED');
      expect((await observeNow(credential, id)).nodes.map((node) => node.status)).toEqual(['STOPPED', 'STOPPED', 'STOPPED']);

      const start = await request(app.baseUrl).post(`/v1/clusters/${id}/start`).set('Authorization', tenant.auth).expect(202);
      expect(await settlePlaying(vms, id, start.body.operationId)).toMatchObject({ status: 'succeeded', error: null });
      expect((await getCluster(app, tenant, id)).status).toBe('AVAILABLE');

      const { spec } = await observeNow(credential, id);
      const deletion = await request(app.baseUrl).delete(`/v1/clusters/${id}`).set('Authorization', tenant.auth).expect(202);
      expect(await settlePlaying(vms, id, deletion.body.operationId)).toMatchObject({ status: 'succeeded' });
      expect((await getCluster(app, tenant, id)).status).toBe('DELETED');
      expect(await (await connectionFor(credential)).describe(spec)).toEqual([]);
      for (const node of played) expect(await adminNova.getServer(node.providerId)).toBeUndefined();
      if (variant === 'heat') expect(await new HeatAdapter().connect({ ...env.user }).heat.listStacks(spec.name)).toEqual([]);
      // the tokens went with the cluster
      await request(app.baseUrl).post('/v1/node-callbacks').set('Authorization', `Bearer ${first.token}`).send({ event: 'health', components: [] }).expect(401);
    }, 400_000);
  }
});
