import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getCluster, requestCluster } from '../support/clusters';
import { PushSim, type PushNode, type ReportedStatus } from '../support/push-sim';
import { startTestApp, type TestApp, type TestTenant } from '../support/test-app';
import { until } from '../support/until';

const SILENCE_MS = 3_000;


describe('the monitor reads the health nodes push (real PostgreSQL, Redis, BullMQ, HTTP callbacks)', () => {
  const provider = new PushSim();
  let app: TestApp;
  let tenant: TestTenant;
  let clusterId: string;
  /** What each played node reports next; a node missing from the map stays silent. */
  const reporting = new Map<string, (component: string) => ReportedStatus>();
  const ready = new Set<string>();
  let heartbeat: NodeJS.Timeout | undefined;

  const healthEvents = async () =>
    (await request(app.baseUrl).get(`/v1/clusters/${clusterId}/events?limit=200`).set('Authorization', tenant.auth)).body.items.filter((event: { type: string }) => event.type === 'health');
  const worker = (): PushNode => [...provider.nodes.values()].find((node) => node.name.endsWith('-worker-1'))!;

  beforeAll(async () => {
    app = await startTestApp({ ownDatabase: true, adapters: [provider], env: { HERD_MONITOR_INTERVAL_MS: '200', HERD_MONITOR_NODE_SILENCE_MS: String(SILENCE_MS) } });
    tenant = await app.newTenant();
    const credential = await request(app.baseUrl).post('/v1/credentials').set('Authorization', tenant.auth).send({ name: 'push-sim', provider: 'sim', variant: 'push', parameters: {} });
    expect(credential.status, JSON.stringify(credential.body)).toBe(201);
    const created = await requestCluster(app, tenant, {
      name: 'pushing',
      blueprint: 'hadoop-single-master',
      credential: credential.body.id,
      hostGroups: [
        { name: 'master', nodeCount: 1, instanceType: 'medium' },
        { name: 'worker', nodeCount: 2, instanceType: 'small' },
      ],
    });
    clusterId = created.id;
    // every node's ready callback, then a health report from each node still in `reporting`, as user_data does
    heartbeat = setInterval(() => {
      for (const node of provider.nodes.values()) {
        const event = ready.has(node.name) ? 'health' : 'ready';
        if (event === 'ready') reporting.set(node.name, () => 'running');
        const status = reporting.get(node.name);
        if (!status) continue;
        void PushSim.report(app.baseUrl, node, event, status).then(
          (res) => res.status === 200 && ready.add(node.name),
          () => undefined,
        );
      }
    }, 250);
    await until('AVAILABLE', () => getCluster(app, tenant, clusterId), (cluster) => cluster.status === 'AVAILABLE');
  });

  afterAll(async () => {
    clearInterval(heartbeat);
    await app?.close();
    await provider.close();
  });

  it('reaches AVAILABLE and HEALTHY once every node reported its components running', async () => {
    const cluster = await getCluster(app, tenant, clusterId);
    expect(cluster).toMatchObject({ status: 'AVAILABLE', health: 'HEALTHY' });
    expect(provider.nodes.size).toBe(3);
  });

  it('turns DEGRADED, naming the component, when a node reports one failed; HEALTHY again when it recovers', async () => {
    const node = worker();
    reporting.set(node.name, (component) => (component === 'DATANODE' ? 'failed' : 'running'));
    const degraded = await until('DEGRADED', () => getCluster(app, tenant, clusterId), (cluster) => cluster.health === 'DEGRADED');
    const mirrored = degraded.hostGroups.flatMap((group: { nodes: unknown[] }) => group.nodes).find((n: { name: string }) => n.name === node.name);
    expect(mirrored.components).toContainEqual(expect.objectContaining({ name: 'DATANODE', status: 'failed' }));
    expect((await healthEvents()).map((event: { message: string }) => event.message)).toContainEqual(expect.stringContaining(`${node.name} DATANODE failed`));

    reporting.set(node.name, () => 'running');
    await until('HEALTHY', () => getCluster(app, tenant, clusterId), (cluster) => cluster.health === 'HEALTHY');
  });

  it('counts a node that stops reporting as unknown once it has been silent too long', async () => {
    const node = worker();
    reporting.delete(node.name);
    await until('DEGRADED', () => getCluster(app, tenant, clusterId), (cluster) => cluster.health === 'DEGRADED');
    const latest = (await healthEvents()).map((event: { message: string }) => event.message).at(-1);
    expect(latest).toMatch(new RegExp(`^DEGRADED: 3 of 3 nodes running; ${node.name} no report from the node for \\d+ s$`));
  });

  it('refuses a report whose token belongs to no node', async () => {
    const forged = { name: 'forged', components: ['DATANODE'], token: `hnc_${'x'.repeat(40)}` };
    expect((await PushSim.report(app.baseUrl, forged, 'health')).status).toBe(401);
  });
});
