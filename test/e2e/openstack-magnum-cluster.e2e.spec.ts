import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LABEL } from '../../src/providers/docker/docker.labels';
import { MagnumAdapter } from '../../src/providers/openstack/magnum/magnum.provider';
import { startMagnumContractServer, type MagnumContractServer } from '../contract/magnum-contract-server';
import { getCluster, requestCluster, settle } from '../support/clusters';
import { ENGINE_START_TIMEOUT_MS, TEST_IMAGE, ensureDockerEngine, pullEvents, rawDocker } from '../support/docker-engine';
import { dockerEngineCa } from '../support/docker-tls';
import { startTestApp, type TestApp, type TestTenant } from '../support/test-app';

/** The test engine's TLS listener (dockerd --tlsverify) stands in for the Swarm manager Magnum reports. */
const ENGINE_API_ADDRESS = `tcp://127.0.0.1:${process.env.HERD_TEST_DOCKER_TLS_PORT ?? 23760}`;
const TEMPLATE = 'ops-swarm';
const DOCKER = { image: TEST_IMAGE, instanceType: 'small' };

function containersOf(clusterId: string) {
  return rawDocker().listContainers({ all: true, filters: { label: [`${LABEL.cluster}=${clusterId}`] } });
}

describe('a cluster on openstack/magnum (coe swarm) through the HTTP API: Magnum api-ref contract server, the real Docker engine as the COE', () => {
  let server: MagnumContractServer;
  let app: TestApp;
  let tenant: TestTenant;
  let credential: string;
  let windowStart: number;

  beforeAll(async () => {
    await ensureDockerEngine();
    windowStart = Math.floor(Date.now() / 1000) - 1;
    server = await startMagnumContractServer({ settleAfter: 3, deleteConflicts: 1, coe: { apiAddress: ENGINE_API_ADDRESS, ca: dockerEngineCa() } });
    const parameters = { authUrl: `${server.url}/v3`, username: 'operator', password: 'contract-secret', projectName: 'contract' };
    // the operator's cluster template, made beforehand as Magnum users do
    await new MagnumAdapter().connect(parameters).magnum.createTemplate({ name: TEMPLATE, coe: 'swarm', image_id: 'fedora-atomic', flavor_id: 'm1.small', external_network_id: 'public', network_driver: 'docker' });
    app = await startTestApp({ env: { HERD_POLL_MAX_MS: '250' } });
    tenant = await app.newTenant();
    const res = await request(app.baseUrl).post('/v1/credentials').set('Authorization', tenant.auth).send({ name: 'magnum', provider: 'openstack', variant: 'magnum', parameters });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    expect(res.text).not.toContain('contract-secret');
    credential = res.body.id;
  }, ENGINE_START_TIMEOUT_MS);

  afterAll(async () => {
    await app?.close();
    await server?.close();
  });

  function body(workers: number, first: Record<string, unknown> = {}) {
    return {
      name: `magnum-${Math.random().toString(36).slice(2, 8)}`,
      blueprint: 'hadoop-single-master',
      credential,
      hostGroups: [
        { name: 'master', nodeCount: 1, instanceType: 'm1.small', options: { clusterTemplate: TEMPLATE, pullPolicy: 'never', docker: DOCKER, ...first } },
        { name: 'worker', nodeCount: workers, instanceType: 'm1.small', options: { docker: DOCKER } },
      ],
    };
  }

  it('refuses a COE herd runs nothing on, and bad Docker options, naming the field', async () => {
    const res = await request(app.baseUrl)
      .post('/v1/clusters/validate')
      .set('Authorization', tenant.auth)
      .send(body(1, { clusterTemplate: undefined, coe: 'kubernetes', image: 'fedora-coreos', docker: { image: TEST_IMAGE, instanceType: 'huge' } }));
    expect(res.status).toBe(400);
    expect(res.body.details).toEqual([
      { field: 'hostGroups[0].options.coe', reason: expect.stringMatching(/^coe kubernetes is not supported: herd has no Kubernetes runner/) },
      { field: 'hostGroups[0].options.docker.instanceType', reason: 'must be one of small, medium, large, xlarge (the Docker budget of a node)' },
    ]);
  });

  it('POST /v1/clusters -> AVAILABLE with the components running on the COE, scale, delete leaves nothing', async () => {
    const { id, operationId } = await requestCluster(app, tenant, body(1));
    const created = await settle(app, tenant, operationId, 120_000);
    expect(created, JSON.stringify(created)).toMatchObject({ status: 'succeeded', error: null });
    const cluster = await getCluster(app, tenant, id);
    expect(cluster.status).toBe('AVAILABLE');

    const magnum = server.requests.find((r) => r.method === 'POST' && r.path === '/v1/clusters')!.body as Record<string, unknown>;
    expect(magnum).toMatchObject({ name: `herd-${id}`, node_count: 2, master_count: 1 });
    // one certificate for the whole life of the cluster: every operation and probe reuses it
    const signed = () => server.requests.filter((r) => r.method === 'POST' && r.path === '/v1/certificates').length;
    expect(signed()).toBe(1);

    const containers = await containersOf(id);
    const sandboxes = containers.filter((c) => c.Labels[LABEL.role] === 'node');
    expect(containers.every((c) => c.State === 'running' && c.Image === TEST_IMAGE)).toBe(true);
    expect(containers.filter((c) => c.Labels[LABEL.role] === 'component').map((c) => c.Labels[LABEL.component]).sort()).toEqual(
      ['DATANODE', 'HISTORYSERVER', 'NAMENODE', 'NODEMANAGER', 'RESOURCEMANAGER', 'SECONDARY_NAMENODE'],
    );
    const nodes = cluster.hostGroups.flatMap((g: { nodes: { name: string; providerId: string; status: string }[] }) => g.nodes);
    expect(nodes.map((n: { providerId: string }) => n.providerId).sort()).toEqual(sandboxes.map((c) => c.Id).sort());
    expect(nodes.every((n: { status: string }) => n.status === 'RUNNING')).toBe(true);

    const scale = await request(app.baseUrl).put(`/v1/clusters/${id}/host-groups/worker`).set('Authorization', tenant.auth).send({ nodeCount: 2 }).expect(202);
    expect(await settle(app, tenant, scale.body.operationId, 120_000)).toMatchObject({ status: 'succeeded', error: null });
    expect(server.requests.find((r) => r.method === 'POST' && r.path.endsWith('/actions/resize'))?.body).toEqual({ node_count: 3 });
    expect((await containersOf(id)).filter((c) => c.Labels[LABEL.component] === 'DATANODE' && c.State === 'running')).toHaveLength(2);

    const deletion = await request(app.baseUrl).delete(`/v1/clusters/${id}`).set('Authorization', tenant.auth).expect(202);
    expect(await settle(app, tenant, deletion.body.operationId, 120_000)).toMatchObject({ status: 'succeeded' });
    expect((await getCluster(app, tenant, id)).status).toBe('DELETED');
    expect(signed()).toBe(1);
    expect(await containersOf(id)).toEqual([]);
    expect(await rawDocker().listNetworks({ filters: { label: [`${LABEL.cluster}=${id}`] } })).toEqual([]);
    const left = await request(server.url).get(`/v1/clusters/herd-${id}`).set('X-Auth-Token', 'contract-token');
    expect(left.status).toBe(404);
    expect(await pullEvents(windowStart, Math.ceil(Date.now() / 1000) + 1)).toEqual([]);
  }, 300_000);
});
