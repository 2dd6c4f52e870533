import { createServer } from 'node:http';
import { connect, createServer as createTcpServer, type AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { diffCluster, hasChanges, isReady } from '../../src/modules/operations/reconciler/cluster-diff';
import { LABEL } from '../../src/providers/docker/docker.labels';
import { clientTlsMaterial, newClientKeyAndCsr } from '../../src/providers/openstack/magnum/magnum.client-certificate';
import { MagnumAdapter } from '../../src/providers/openstack/magnum/magnum.provider';
import type { MagnumConnection } from '../../src/providers/openstack/magnum/magnum.connection';
import { AuthFailedError, FatalProviderError, type ClusterSpec, type ObservedNode } from '../../src/providers/spi';
import { tearDown } from '../../src/providers/spi/conformance/driving';
import { ENGINE_START_TIMEOUT_MS, TEST_IMAGE, ensureDockerEngine, pullEvents, rawDocker, testDockerParameters } from '../support/docker-engine';
import { hadoopCluster } from '../support/docker-hadoop-stack';
import { dockerEngineCa, rogueCa } from '../support/docker-tls';
import { startMagnumContractServer, type MagnumContractServer } from './magnum-contract-server';
import { openstackTestEnv, skipMessage, type OpenStackTestEnv } from './openstack-env';
import { recordingHooks, testCluster, waitFor } from './openstack-fixtures';

/** The test engine's TLS listener (dockerd --tlsverify): the "Swarm manager" the contract server's clusters point at. */
const ENGINE_API_ADDRESS = `tcp://127.0.0.1:${process.env.HERD_TEST_DOCKER_TLS_PORT ?? 23760}`;

function magnumCluster(nodes: number, extra: Record<string, unknown> = {}): ClusterSpec {
  const c = testCluster([{ name: 'worker', nodeCount: nodes }]);
  c.hostGroups[0].instanceType = 'm1.small';
  c.hostGroups[0].options = { coe: 'swarm', image: 'fedora-atomic', externalNetwork: 'public', networkDriver: 'docker', ...extra };
  return c;
}

/** master (NameNode, ResourceManager) + workers on the COE, the components in the test image, never pulled. */
function hadoopOnSwarm(workers: number): ClusterSpec {
  const c = hadoopCluster(workers);
  c.hostGroups[0].options = { coe: 'swarm', image: 'fedora-atomic', externalNetwork: 'public', networkDriver: 'docker', pullPolicy: 'never', docker: { image: TEST_IMAGE, instanceType: 'small' } };
  c.hostGroups[1].options = { docker: { image: TEST_IMAGE, instanceType: 'small' } };
  for (const g of c.hostGroups) g.instanceType = 'm1.small';
  return c;
}

/** What the reconciler does, in small: observe, wait while Magnum works, diff, apply, until every node and component runs. */
async function converge(conn: MagnumConnection, cluster: ClusterSpec, messages: string[] = []): Promise<ObservedNode[]> {
  return waitFor(
    'the cluster to converge',
    async () => {
      const observed = await conn.describe(cluster);
      if (await conn.operationInProgress(cluster)) return undefined;
      const diff = diffCluster(cluster, observed, 'running');
      if (hasChanges(diff)) {
        const hooks = recordingHooks();
        await conn.apply(cluster, { launch: diff.launch, terminate: diff.terminate }, hooks);
        messages.push(...hooks.messages);
        return undefined;
      }
      return diff.kept.length === cluster.hostGroups.reduce((n, g) => n + g.nodeCount, 0) && diff.kept.every(isReady) ? observed : undefined;
    },
    60_000,
    200,
  );
}

/** Tears down as herd does: asks (again after a 409), then polls describe until it is empty. */
const removeAll = (conn: MagnumConnection, cluster: ClusterSpec) => tearDown(conn, cluster, { pollIntervalMs: 10, statusTimeoutMs: 30_000, callTimeoutMs: 10_000 });

/** Creates the Magnum cluster, waits until Magnum completes it, then applies the launch again: what that apply throws. */
async function launchOnceComplete(conn: MagnumConnection, cluster: ClusterSpec): Promise<Error & { backendMessage?: string }> {
  const plan = diffCluster(cluster, [], 'running');
  await conn.apply(cluster, plan, recordingHooks());
  await waitFor('CREATE_COMPLETE', async () => ((await conn.findCluster(cluster))?.status === 'CREATE_COMPLETE' ? true : undefined), 5000, 10);
  return conn.apply(cluster, plan, recordingHooks()).then(
    () => new Error('the launch succeeded'),
    (error: Error) => error,
  );
}

async function labelled(cluster: ClusterSpec) {
  const filters = { label: [`${LABEL.cluster}=${cluster.tag}`] };
  const docker = rawDocker();
  return { containers: await docker.listContainers({ all: true, filters }), networks: await docker.listNetworks({ filters }), volumes: (await docker.listVolumes({ filters })).Volumes ?? [] };
}

describe('openstack/magnum on a Swarm COE: a contract server replaying Magnum’s api-ref, the real Docker engine as the COE', () => {
  let server: MagnumContractServer;
  let conn: MagnumConnection;
  const started = Math.floor(Date.now() / 1000);
  beforeAll(async () => {
    await ensureDockerEngine();
    server = await startMagnumContractServer({ settleAfter: 3, deleteConflicts: 1, coe: { apiAddress: ENGINE_API_ADDRESS, ca: dockerEngineCa() } });
    conn = new MagnumAdapter({ pollIntervalMs: 10 }).connect({ authUrl: `${server.url}/v3`, username: 'u', password: 'p', projectName: 'contract' });
  }, ENGINE_START_TIMEOUT_MS);
  afterAll(() => server?.close());

  it('runs the Hadoop components on the COE with a client certificate Magnum signed, scales, and leaves nothing behind', async () => {
    const cluster = hadoopOnSwarm(2);
    const messages: string[] = [];
    const nodes = await converge(conn, cluster, messages);

    const create = server.requests.find((r) => r.method === 'POST' && r.path === '/v1/clusters')!;
    expect(create.body).toMatchObject({ name: conn.clusterName(cluster), node_count: 3, master_count: 1, create_timeout: 60 });
    expect(server.requests.find((r) => r.method === 'POST' && r.path === '/v1/clustertemplates')?.body).toMatchObject({ coe: 'swarm', image_id: 'fedora-atomic' });
    const uuid = (await conn.findCluster(cluster))!.uuid;
    // herd's own key: a CSR went to Magnum, and the engine (--tlsverify) accepted the certificate Magnum signed
    const signing = server.requests.filter((r) => r.method === 'POST' && r.path === '/v1/certificates');
    expect(signing).toHaveLength(1);
    expect(signing[0].body).toEqual({ cluster_uuid: uuid, csr: expect.stringMatching(/^-----BEGIN CERTIFICATE REQUEST-----\n/) });
    expect(server.requests.some((r) => r.method === 'GET' && r.path === `/v1/certificates/${uuid}`)).toBe(true);
    expect(messages).toContain('created bridge network ' + `herd-${cluster.tag}`);

    // the nodes and components are the engine's own containers
    const engine = await labelled(cluster);
    expect(engine.containers).toHaveLength(3 + 6);
    const sandboxes = new Map(engine.containers.filter((c) => c.Labels[LABEL.role] === 'node').map((c) => [c.Labels[LABEL.node], c.Id]));
    expect(nodes.map((n) => [n.hostGroup, n.index, n.status, n.providerId])).toEqual([
      ['master', 0, 'RUNNING', sandboxes.get(nodes[0].name)],
      ['worker', 0, 'RUNNING', sandboxes.get(nodes[1].name)],
      ['worker', 1, 'RUNNING', sandboxes.get(nodes[2].name)],
    ]);
    expect(nodes[0].components.map((c) => [c.name, c.status])).toEqual([
      ['NAMENODE', 'running'],
      ['RESOURCEMANAGER', 'running'],
    ]);
    // the NameNode running on the engine counts the DataNodes
    const namenode = nodes[0].components.find((c) => c.name === 'NAMENODE')!.endpoint!;
    await waitFor('2 live DataNodes', async () => {
      const body = (await (await fetch(`${namenode}/jmx?qry=Hadoop:service=NameNode,name=FSNamesystemState`)).json()) as { beans: { NumLiveDataNodes: number }[] };
      return body.beans[0]?.NumLiveDataNodes === 2 ? true : undefined;
    }, 30_000, 500);

    // a second cluster with the same settings reuses the template
    const twin = magnumCluster(1);
    await conn.apply(twin, { launch: [], terminate: [] }, recordingHooks());
    expect(server.requests.filter((r) => r.method === 'POST' && r.path === '/v1/clustertemplates')).toHaveLength(1);

    // scale out: Magnum grows first (apply returns once Magnum accepted the resize), then the new node's containers start on the COE
    cluster.hostGroups[1].nodeCount = 3;
    const scaleOut = diffCluster(cluster, await conn.describe(cluster), 'running');
    const resize = recordingHooks();
    await conn.apply(cluster, { launch: scaleOut.launch, terminate: scaleOut.terminate }, resize);
    expect(resize.messages).toEqual([`Magnum cluster ${conn.clusterName(cluster)}: node_count 3 -> 4 (resize)`]);
    expect(await conn.operationInProgress(cluster)).toEqual({ status: `Magnum cluster ${conn.clusterName(cluster)} UPDATE_IN_PROGRESS`, detail: expect.any(String) });
    // while Magnum grows the cluster: the running nodes from the engine, the new one in Magnum's state
    expect((await conn.describe(cluster)).map((n) => [n.name, n.status, n.statusReason])).toEqual([
      [nodes[0].name, 'RUNNING', undefined],
      [nodes[1].name, 'RUNNING', undefined],
      [nodes[2].name, 'RUNNING', undefined],
      [`herd-${cluster.tag.slice(0, 8)}-worker-2`, 'STARTING', 'Magnum cluster UPDATE_IN_PROGRESS'],
    ]);
    const grown = await converge(conn, cluster);
    expect(server.requests.filter((r) => r.method === 'POST' && r.path === '/v1/certificates')).toHaveLength(1); // one per adapter
    expect(grown.map((n) => n.name)).toContain(`herd-${cluster.tag.slice(0, 8)}-worker-2`);
    expect((await labelled(cluster)).containers).toHaveLength(4 * 3);

    // scale in: the removed node's containers go, then Magnum shrinks
    cluster.hostGroups[1].nodeCount = 1;
    const shrunk = await converge(conn, cluster);
    expect(shrunk.map((n) => `${n.hostGroup}-${n.index}`)).toEqual(['master-0', 'worker-0']);
    expect((await conn.findCluster(cluster))?.node_count).toBe(2);
    expect((await labelled(cluster)).containers).toHaveLength(2 * 3);

    // the first delete is refused with 409 (an operation in progress): herd asks again
    await removeAll(conn, cluster);
    expect(await labelled(cluster)).toEqual({ containers: [], networks: [], volumes: [] });
    expect(await conn.findCluster(cluster)).toBeUndefined();
    expect(server.requests.filter((r) => r.method === 'DELETE').length).toBe(2);
    await conn.teardown(twin);
    expect(await pullEvents(started, Math.ceil(Date.now() / 1000) + 1)).toEqual([]);
  }, 180_000);

  it('reports the Magnum state while the COE is being built, and no containers before it is complete', async () => {
    const slow = await startMagnumContractServer({ settleAfter: 8, deleteConflicts: 0, coe: { apiAddress: ENGINE_API_ADDRESS, ca: dockerEngineCa() } });
    try {
      const c = new MagnumAdapter({ pollIntervalMs: 10 }).connect({ authUrl: slow.url, username: 'u', password: 'p', projectName: 'contract' });
      const cluster = hadoopOnSwarm(1);
      const plan = diffCluster(cluster, [], 'running');
      await c.apply(cluster, { launch: plan.launch, terminate: [] }, recordingHooks());
      const building = await c.describe(cluster);
      expect(building.map((n) => [n.name, n.status, n.statusReason, n.components])).toEqual(
        plan.launch.map((n) => [n.name, 'STARTING', 'Magnum cluster CREATE_IN_PROGRESS', []]),
      );
      // an apply while Magnum builds makes no container and asks for no certificate
      const early = recordingHooks();
      await c.apply(cluster, { launch: plan.launch, terminate: [] }, early);
      expect(early.messages).toEqual([`Magnum cluster ${c.clusterName(cluster)} is CREATE_IN_PROGRESS: the nodes' containers start once it is complete`]);
      expect((await labelled(cluster)).containers).toEqual([]);
      expect(slow.requests.some((r) => r.path.startsWith('/v1/certificates'))).toBe(false);
      // complete: the nodes are absent until their containers exist, so the reconciler launches them
      await waitFor('CREATE_COMPLETE', async () => ((await c.findCluster(cluster))?.status === 'CREATE_COMPLETE' ? true : undefined), 5000, 10);
      expect(await c.describe(cluster)).toEqual([]);
      await c.teardown(cluster);
    } finally {
      await slow.close();
    }
  }, 60_000);

  it('refuses a client certificate not signed by the cluster CA, with a clear error, and still tears down', async () => {
    const rogue = await startMagnumContractServer({ settleAfter: 1, deleteConflicts: 0, coe: { apiAddress: ENGINE_API_ADDRESS, ca: dockerEngineCa(), signer: rogueCa() } });
    try {
      const c = new MagnumAdapter({ pollIntervalMs: 10 }).connect({ authUrl: rogue.url, username: 'u', password: 'p', projectName: 'contract' });
      const cluster = hadoopOnSwarm(1);
      // the first apply creates the Magnum cluster; once it is complete, the next refuses the certificate before talking to the COE
      const launch = await launchOnceComplete(c, cluster);
      expect(launch).toBeInstanceOf(AuthFailedError);
      expect(launch.message).toBe(`The client certificate Magnum signed for cluster ${c.clusterName(cluster)} is not signed by the cluster's CA`);
      expect(launch.backendMessage).toMatch(/^certificate issuer "CN=rogue-ca", cluster CA "CN=/);
      expect((await c.findCluster(cluster))?.status).toBe('CREATE_COMPLETE');
      const error = await c.describe(cluster).catch((e) => e);
      expect(error).toBeInstanceOf(AuthFailedError);
      expect(error.message).toBe(launch.message);
      expect((await labelled(cluster)).containers).toEqual([]);
      await c.teardown(cluster);
      expect(await c.findCluster(cluster)).toBeUndefined();
    } finally {
      await rogue.close();
    }
  }, 60_000);

  it('reports the engine refusing a cluster CA that is not its own (TLS handshake), not a crash', async () => {
    const stranger = rogueCa();
    const other = await startMagnumContractServer({ settleAfter: 1, deleteConflicts: 0, coe: { apiAddress: ENGINE_API_ADDRESS, ca: stranger } });
    try {
      const c = new MagnumAdapter({ pollIntervalMs: 10 }).connect({ authUrl: other.url, username: 'u', password: 'p', projectName: 'contract' });
      const cluster = hadoopOnSwarm(1);
      const launch = await launchOnceComplete(c, cluster);
      expect(launch).toBeInstanceOf(AuthFailedError);
      expect(launch.message).toBe('TLS handshake with the Docker engine failed (inspect image herd/hadoop-sim:1)');
      expect((await labelled(cluster)).containers).toEqual([]);
      const error = await c.describe(cluster).catch((e) => e);
      expect(error).toBeInstanceOf(AuthFailedError);
      expect(error.message).toBe('TLS handshake with the Docker engine failed (list containers)');
      await c.teardown(cluster);
      expect(await c.findCluster(cluster)).toBeUndefined();
    } finally {
      await other.close();
    }
  }, 60_000);

  it('speaks plain TCP to the COE, asking for no certificate, when the cluster template has tls_disabled', async () => {
    // the engine's socket on a loopback TCP port: a COE without TLS
    const plain = createTcpServer((client) => {
      const engine = connect(testDockerParameters().socketPath!);
      client.pipe(engine).pipe(client);
      engine.on('error', () => client.destroy());
      client.on('error', () => engine.destroy());
    });
    await new Promise<void>((r) => plain.listen(0, '127.0.0.1', r));
    const apiAddress = `tcp://127.0.0.1:${(plain.address() as AddressInfo).port}`;
    const insecure = await startMagnumContractServer({ settleAfter: 1, deleteConflicts: 0, coe: { apiAddress, ca: dockerEngineCa() } });
    try {
      const c = new MagnumAdapter({ pollIntervalMs: 10 }).connect({ authUrl: insecure.url, username: 'u', password: 'p', projectName: 'contract' });
      const template = await c.magnum.createTemplate({ name: 'no-tls', coe: 'swarm', image_id: 'fedora-atomic', flavor_id: 'm1.small', tls_disabled: true });
      const cluster = hadoopOnSwarm(1);
      cluster.hostGroups[0].options = { clusterTemplate: template.name, pullPolicy: 'never', docker: { image: TEST_IMAGE, instanceType: 'small' } };
      const nodes = await converge(c, cluster);
      expect(nodes.map((n) => n.status)).toEqual(['RUNNING', 'RUNNING']);
      expect((await labelled(cluster)).containers).toHaveLength(2 * 3);
      expect(insecure.requests.some((r) => r.path.startsWith('/v1/certificates'))).toBe(false);
      await c.teardown(cluster);
      expect(await labelled(cluster)).toEqual({ containers: [], networks: [], volumes: [] });
    } finally {
      await insecure.close();
      plain.close();
    }
  }, 60_000);

  it('falls back to a JSON patch of node_count where the resize action is missing', async () => {
    const old = await startMagnumContractServer({ settleAfter: 1, resizeAction: false, deleteConflicts: 0, coe: { apiAddress: ENGINE_API_ADDRESS, ca: dockerEngineCa() } });
    try {
      const c = new MagnumAdapter({ pollIntervalMs: 10 }).connect({ authUrl: old.url, username: 'u', password: 'p', projectName: 'contract' });
      const cluster = magnumCluster(1);
      await c.apply(cluster, { launch: [], terminate: [] }, recordingHooks());
      await waitFor('up', async () => ((await c.findCluster(cluster))?.status === 'CREATE_COMPLETE' ? true : undefined), 5000, 10);
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

describe('openstack/magnum teardown while Magnum removes the cluster', () => {
  it('reads the 400 about master_count 0, which Magnum answers between removing the master node group and the cluster, as a delete under way', async () => {
    const server = await startMagnumContractServer({ settleAfter: 1, deleteConflicts: 0, halfDeletedReads: 3 });
    try {
      const conn = new MagnumAdapter({ pollIntervalMs: 10 }).connect({ authUrl: `${server.url}/v3`, username: 'u', password: 'p', projectName: 'contract' });
      const cluster = testCluster([{ name: 'worker', nodeCount: 1 }]);
      const template = await conn.magnum.createTemplate({ name: 'half-deleted', coe: 'swarm', image_id: 'img', keypair_id: 'k', external_network_id: 'public' });
      await conn.magnum.createCluster({ name: conn.clusterName(cluster), cluster_template_id: template.uuid, node_count: 1, master_count: 1 });
      await conn.teardown(cluster);
      const deletes = () => server.requests.filter((request) => request.method === 'DELETE').length;
      expect(deletes()).toBe(1);
      // half deleted: nothing left to show, no operation herd could wait for other than the delete, and nothing to ask again
      expect(await conn.describe(cluster)).toEqual([]);
      expect(await conn.operationInProgress(cluster)).toEqual({ status: `Magnum cluster ${conn.clusterName(cluster)} DELETE_IN_PROGRESS` });
      await conn.teardown(cluster);
      expect(deletes()).toBe(1);
      await waitFor('the cluster gone', async () => ((await conn.findCluster(cluster).catch(() => 'half-deleted')) === undefined ? true : undefined), 5000, 10);
    } finally {
      await server.close();
    }
  });
});

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

  it('refuses COEs herd runs no components on, also behind an existing cluster template', async () => {
    for (const coe of ['kubernetes', 'swarm-mode', 'mesos']) {
      const problems = await conn.prerequisites(magnumCluster(1, { coe }));
      expect(problems).toEqual([{ field: 'hostGroups[0].options.coe', reason: expect.stringMatching(new RegExp(`^coe ${coe} is not supported: .*Use coe swarm$`)) }]);
    }
    // Magnum itself accepts a Kubernetes template (fedora-coreos); herd refuses to build on it
    const k8s = await conn.magnum.createTemplate({ name: `herd-test-k8s-${Date.now()}`, coe: 'kubernetes', image_id: 'fedora-coreos', flavor_id: 'm1.small', external_network_id: 'public', public: false });
    try {
      expect(await conn.prerequisites(magnumCluster(1, { clusterTemplate: k8s.name }))).toEqual([
        { field: 'hostGroups[0].options.clusterTemplate', reason: expect.stringMatching(new RegExp(`^cluster template '${k8s.name}' has coe kubernetes, which is not supported: herd has no Kubernetes runner`)) },
      ]);
    } finally {
      await conn.magnum.deleteTemplate(k8s.uuid);
    }
  });

  it('creates a template and a cluster, reports Magnum’s status_reason when it fails, and deletes it', async () => {
    // no real networking here: Magnum cannot reach etcd discovery (kept on loopback) and the cluster fails
    const discovery = createServer((_req, res) => res.writeHead(503).end('no discovery here'));
    await new Promise<void>((r) => discovery.listen(0, '127.0.0.1', r));
    try {
      const cluster = magnumCluster(1, { discoveryUrl: `http://127.0.0.1:${(discovery.address() as AddressInfo).port}/herd-test` });
      clusters.push(cluster);
      const hooks = recordingHooks();
      // apply returns once Magnum shows the cluster it accepted; describe then follows the create to its failure
      const started = Date.now();
      await conn.apply(cluster, { launch: [], terminate: [] }, hooks);
      expect(hooks.created).toHaveLength(1);
      expect(hooks.messages.at(-1)).toMatch(new RegExp(`^Magnum cluster ${conn.clusterName(cluster)} create accepted`));
      console.info(`Magnum apply returned after ${Date.now() - started} ms, the cluster ${(await conn.findCluster(cluster))?.status}`);
      const [node] = await waitFor('CREATE_FAILED', async () => {
        const n = await conn.describe(cluster);
        return n[0]?.status === 'ERROR' ? n : undefined;
      }, 120_000);
      const mc = await conn.findCluster(cluster);
      expect(mc?.status).toBe('CREATE_FAILED');
      expect((await conn.magnum.template(mc!.cluster_template_id))?.coe).toBe('swarm');
      expect(node.statusReason).toBe(mc?.status_reason);
      expect(node.statusReason).toEqual(expect.any(String));
      // Magnum made the cluster's CA before it failed: it signs herd's request, and the result chains to that CA
      const request = await newClientKeyAndCsr('herd');
      const [ca, cert] = await Promise.all([conn.magnum.clusterCa(mc!.uuid), conn.magnum.signClientCertificate(mc!.uuid, request.csr)]);
      expect(clientTlsMaterial(mc!.name, ca, cert, request.privateKey).cert).toBe(cert);
      const retry = await conn.apply(cluster, { launch: [], terminate: [] }, recordingHooks()).catch((e) => e);
      expect(retry).toBeInstanceOf(FatalProviderError);
      expect(retry.backendMessage).toBe(mc?.status_reason);
      await tearDown(conn, cluster, { pollIntervalMs: 1000, statusTimeoutMs: 120_000, callTimeoutMs: 30_000 });
      expect(await conn.findCluster(cluster)).toBeUndefined();
    } finally {
      discovery.close();
    }
  }, 240_000);
});
