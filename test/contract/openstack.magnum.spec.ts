import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MagnumAdapter } from '../../src/providers/openstack/magnum/magnum.adapter';
import type { MagnumConnection } from '../../src/providers/openstack/magnum/magnum.connection';
import { FatalProviderError, type ClusterSpec } from '../../src/providers/spi';
import { startMagnumContractServer, type MagnumContractServer } from './magnum-contract-server';
import { openstackTestEnv, skipMessage, type OpenStackTestEnv } from './openstack-env';
import { recordingHooks, testCluster, waitFor } from './openstack-fixtures';

function magnumCluster(nodes: number, extra: Record<string, unknown> = {}): ClusterSpec {
  const c = testCluster([{ name: 'worker', nodeCount: nodes }]);
  c.hostGroups[0].instanceType = 'm1.small';
  c.hostGroups[0].options = { coe: 'kubernetes', image: 'fedora-coreos', externalNetwork: 'public', networkDriver: 'flannel', ...extra };
  return c;
}

describe('openstack/magnum success path against a contract server replaying Magnum’s api-ref samples', () => {
  let server: MagnumContractServer;
  let conn: MagnumConnection;
  beforeAll(async () => {
    server = await startMagnumContractServer({ settleAfter: 2, deleteConflicts: 1 });
    conn = new MagnumAdapter({ pollIntervalMs: 10 }).connect({ authUrl: `${server.url}/v3`, username: 'u', password: 'p', projectName: 'contract' });
  });
  afterAll(() => server.close());

  it('creates the template once, the cluster, scales by resize, and deletes through a 409', async () => {
    const cluster = magnumCluster(2);
    const hooks = recordingHooks();
    await conn.apply(cluster, { launch: [], terminate: [] }, hooks);
    const create = server.requests.find((r) => r.method === 'POST' && r.path === '/v1/clusters')!;
    expect(create.body).toMatchObject({ name: conn.clusterName(cluster), node_count: 2, master_count: 1, create_timeout: 60 });
    const nodes = await waitFor('RUNNING', async () => {
      const n = await conn.describe(cluster);
      return n.every((x) => x.status === 'RUNNING') ? n : undefined;
    }, 5000, 10);
    expect(nodes.map((n) => [n.index, n.addresses.private])).toEqual([[0, '172.24.4.13'], [1, '172.24.4.14']]);

    // a second cluster with the same settings reuses the template
    const twin = magnumCluster(1);
    await conn.apply(twin, { launch: [], terminate: [] }, recordingHooks());
    expect(server.requests.filter((r) => r.method === 'POST' && r.path === '/v1/clustertemplates')).toHaveLength(1);

    cluster.hostGroups[0].nodeCount = 3;
    const scale = recordingHooks();
    await conn.apply(cluster, { launch: [], terminate: [] }, scale);
    expect(scale.messages).toEqual([expect.stringMatching(/node_count 2 -> 3 \(resize\)/)]);
    await waitFor('3 nodes', async () => ((await conn.describe(cluster)).filter((n) => n.status === 'RUNNING').length === 3 ? true : undefined), 5000, 10);

    await conn.teardown(cluster);
    expect(server.requests.filter((r) => r.method === 'DELETE').length).toBe(2);
    expect(await conn.describe(cluster)).toEqual([]);
    await conn.teardown(twin);
  });

  it('falls back to a JSON patch of node_count where the resize action is missing', async () => {
    const old = await startMagnumContractServer({ settleAfter: 1, resizeAction: false, deleteConflicts: 0 });
    try {
      const c = new MagnumAdapter({ pollIntervalMs: 10 }).connect({ authUrl: old.url, username: 'u', password: 'p', projectName: 'contract' });
      const cluster = magnumCluster(1);
      await c.apply(cluster, { launch: [], terminate: [] }, recordingHooks());
      await waitFor('up', async () => ((await c.describe(cluster))[0]?.status === 'RUNNING' ? true : undefined), 5000, 10);
      cluster.hostGroups[0].nodeCount = 2;
      const hooks = recordingHooks();
      await c.apply(cluster, { launch: [], terminate: [] }, hooks);
      expect(hooks.messages).toEqual([expect.stringMatching(/\(patch\)/)]);
      expect(old.requests.find((r) => r.method === 'PATCH')?.body).toEqual([{ op: 'replace', path: '/node_count', value: 2 }]);
      await c.teardown(cluster);
    } finally {
      await old.close();
    }
  });
});

const probe = openstackTestEnv();
if (probe.reason) skipMessage(probe.reason);

describe.skipIf(!probe.env)('openstack/magnum against the real Magnum API on the loopback cloud', () => {
  const env = probe.env as OpenStackTestEnv;
  let conn: MagnumConnection;
  const clusters: ClusterSpec[] = [];
  beforeAll(() => {
    conn = new MagnumAdapter({ pollIntervalMs: 1000 }).connect({ ...env.user });
  });
  afterAll(async () => {
    for (const c of clusters) await conn.teardown(c).catch(() => undefined);
  });

  it('checks flavor and image before anything is made', async () => {
    expect(await conn.prerequisites(magnumCluster(1))).toEqual([]);
    const bad = magnumCluster(1, { image: 'no-such-image', coe: 'openshift' });
    expect((await conn.prerequisites(bad)).map((p) => p.field)).toEqual(['hostGroups[0].options.coe']);
    expect((await conn.prerequisites(magnumCluster(1, { image: 'no-such-image' }))).map((p) => p.field)).toEqual(['hostGroups[0].options.image']);
  });

  it('creates a template and a cluster, reports Magnum’s status_reason when it fails, and deletes it', async () => {
    // no real networking here: Magnum cannot reach etcd discovery (kept on loopback) and the cluster fails
    const discovery = createServer((_req, res) => res.writeHead(503).end('no discovery here'));
    await new Promise<void>((r) => discovery.listen(0, '127.0.0.1', r));
    try {
      const cluster = magnumCluster(1, { discoveryUrl: `http://127.0.0.1:${(discovery.address() as AddressInfo).port}/herd-test` });
      clusters.push(cluster);
      const hooks = recordingHooks();
      await conn.apply(cluster, { launch: [], terminate: [] }, hooks);
      expect(hooks.created).toHaveLength(1);
      const [node] = await waitFor('CREATE_FAILED', async () => {
        const n = await conn.describe(cluster);
        return n[0]?.status === 'ERROR' ? n : undefined;
      }, 120_000);
      const mc = await conn.findCluster(cluster);
      expect(mc?.status).toBe('CREATE_FAILED');
      expect(node.statusReason).toBe(mc?.status_reason);
      expect(node.statusReason).toEqual(expect.any(String));
      const retry = await conn.apply(cluster, { launch: [], terminate: [] }, recordingHooks()).catch((e) => e);
      expect(retry).toBeInstanceOf(FatalProviderError);
      expect(retry.backendMessage).toBe(mc?.status_reason);
      await conn.teardown(cluster);
      expect(await conn.findCluster(cluster)).toBeUndefined();
      expect(await conn.describe(cluster)).toEqual([]);
    } finally {
      discovery.close();
    }
  }, 240_000);
});
