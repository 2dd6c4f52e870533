import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CLUSTER_INPUTS, type ClusterInputs } from '../../src/modules/clusters/cluster-inputs';
import { ClusterSpecBuilder } from '../../src/modules/clusters/cluster-spec.builder';
import { LABEL } from '../../src/providers/docker/docker.labels';
import type { ObservedNode } from '../../src/providers/spi';
import { clusterBody, getCluster, nodeCount, requestCluster, settle } from '../support/clusters';
import { ENGINE_START_TIMEOUT_MS, TEST_IMAGE, ensureDockerEngine, pullEvents, rawDocker, testDockerParameters } from '../support/docker-engine';
import { startTestApp, type TestApp, type TestTenant } from '../support/test-app';

const IMAGE_OPTION = { image: TEST_IMAGE };

/** hadoop-single-master, 1 master + `workers` workers, every host group on `options`. */
function dockerClusterBody(credential: string, workers: number, options: unknown = IMAGE_OPTION) {
  const body = clusterBody(credential, workers);
  return { ...body, hostGroups: body.hostGroups.map((group) => ({ ...group, instanceType: 'small', options })) };
}

function clusterContainers(clusterId: string) {
  return rawDocker().listContainers({ all: true, filters: { label: [`${LABEL.cluster}=${clusterId}`] } });
}

describe('a cluster on the real Docker engine, through the HTTP API', () => {
  let app: TestApp;
  let tenant: TestTenant;
  let credentialId: string;
  let windowStart: number;

  beforeAll(async () => {
    await ensureDockerEngine();
    windowStart = Math.floor(Date.now() / 1000) - 1;
    app = await startTestApp({ env: { HERD_POLL_MAX_MS: '250' } });
    tenant = await app.newTenant();
    const res = await request(app.baseUrl)
      .post('/v1/credentials')
      .set('Authorization', tenant.auth)
      .send({ name: 'engine', provider: 'docker', parameters: testDockerParameters({ pullPolicy: 'never' }) });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    credentialId = res.body.id;
  }, ENGINE_START_TIMEOUT_MS);

  afterAll(async () => {
    await app?.close();
  });

  /** What the provider observes now, through the app's own credential and spec building (the API shows the last operation's observation). */
  async function describeNow(clusterId: string): Promise<ObservedNode[]> {
    const inputs = app.herd.context.get<symbol, ClusterInputs>(CLUSTER_INPUTS, { strict: false });
    const specs = app.herd.context.get(ClusterSpecBuilder, { strict: false });
    const cluster = await getCluster(app, tenant, clusterId);
    const scope = { tenantId: tenant.tenantId };
    const [credential, blueprint] = await Promise.all([inputs.credential(scope, credentialId), inputs.blueprint(scope, cluster.blueprintId)]);
    const spec = await specs.build({ id: cluster.id, tenantId: tenant.tenantId, name: cluster.name, hostGroups: cluster.hostGroups }, blueprint);
    const connection = await inputs.connect(credential);
    return connection.describe(spec);
  }

  it('rejects host group options that are not an object, naming the field', async () => {
    const body = dockerClusterBody(credentialId, 1, ['image']);
    const res = await request(app.baseUrl).post('/v1/clusters/validate').set('Authorization', tenant.auth).send(body);
    expect(res.status).toBe(400);
    expect(res.body.details).toEqual([
      { field: 'hostGroups[0].options', reason: 'must be an object' },
      { field: 'hostGroups[1].options', reason: 'must be an object' },
    ]);
  });

  it("refuses a bad option at request time and hands good ones to the provider's pre-flight, which names a missing image", async () => {
    const body = dockerClusterBody(credentialId, 1);
    const valid = await request(app.baseUrl).post('/v1/clusters/validate').set('Authorization', tenant.auth).send(body);
    expect(valid.status, JSON.stringify(valid.body)).toBe(200);

    body.hostGroups[1] = { ...body.hostGroups[1], options: { image: 'herd/absent:0', restartRetries: -1 } };
    const refused = await request(app.baseUrl).post('/v1/clusters/validate').set('Authorization', tenant.auth).send(body);
    expect(refused.status).toBe(400);
    expect(refused.body.details.map((detail: { field: string }) => detail.field)).toEqual(['hostGroups[1].options.restartRetries']);

    body.hostGroups[1] = { ...body.hostGroups[1], options: { image: 'herd/absent:0' } };
    const missing = await request(app.baseUrl).post('/v1/clusters/validate').set('Authorization', tenant.auth).send(body);
    expect(missing.status).toBe(400);
    expect(JSON.stringify(missing.body.details)).toContain('herd/absent:0');
  });

  it('reaches AVAILABLE with real containers, scales with the same options, shows a killed component, and leaves nothing behind when deleted', async () => {
    const body = dockerClusterBody(credentialId, 2);
    const { id, operationId } = await requestCluster(app, tenant, body);

    const created = await settle(app, tenant, operationId, 120_000);
    expect(created, JSON.stringify(created)).toMatchObject({ status: 'succeeded', error: null });
    const cluster = await getCluster(app, tenant, id);
    expect(cluster.status).toBe('AVAILABLE');
    expect(cluster.health).toBe('HEALTHY');
    expect(nodeCount(cluster)).toBe(3);
    expect(cluster.hostGroups.map((group: { options: unknown }) => group.options)).toEqual([IMAGE_OPTION, IMAGE_OPTION]);

    const containers = await clusterContainers(id);
    const sandboxes = containers.filter((container) => container.Labels[LABEL.role] === 'node');
    const components = containers.filter((container) => container.Labels[LABEL.role] === 'component');
    expect(sandboxes.map((container) => container.Labels[LABEL.node]).sort()).toEqual(
      cluster.hostGroups.flatMap((group: { nodes: { name: string }[] }) => group.nodes.map((node) => node.name)).sort(),
    );
    expect(containers.every((container) => container.State === 'running' && container.Image === TEST_IMAGE)).toBe(true);
    expect(components.map((container) => container.Labels[LABEL.component]).sort()).toEqual(
      ['DATANODE', 'DATANODE', 'HISTORYSERVER', 'NAMENODE', 'NODEMANAGER', 'NODEMANAGER', 'RESOURCEMANAGER', 'SECONDARY_NAMENODE'],
    );
    for (const node of cluster.hostGroups.flatMap((group: { nodes: { providerId: string }[] }) => group.nodes)) {
      expect(sandboxes.map((container) => container.Id)).toContain(node.providerId);
    }

    // The options are part of the desired state: a node added by a scale runs the same image.
    const scale = await request(app.baseUrl).put(`/v1/clusters/${id}/host-groups/worker`).set('Authorization', tenant.auth).send({ nodeCount: 3 }).expect(202);
    expect(await settle(app, tenant, scale.body.operationId, 120_000)).toMatchObject({ status: 'succeeded', error: null });
    const scaled = await clusterContainers(id);
    expect(scaled.filter((container) => container.Labels[LABEL.component] === 'DATANODE')).toHaveLength(3);
    expect(scaled.every((container) => container.State === 'running' && container.Image === TEST_IMAGE)).toBe(true);

    const datanode = components.find((container) => container.Labels[LABEL.component] === 'DATANODE')!;
    const killedNode = datanode.Labels[LABEL.node];
    expect((await describeNow(id)).find((node) => node.name === killedNode)?.status).toBe('RUNNING');
    await rawDocker().getContainer(datanode.Id).kill();
    const observed = (await describeNow(id)).find((node) => node.name === killedNode)!;
    expect(observed.status).toBe('ERROR');
    expect(observed.components.find((component) => component.name === 'DATANODE')?.status).toBe('failed');
    expect(observed.statusReason).toMatch(/DATANODE/);

    const deletion = await request(app.baseUrl).delete(`/v1/clusters/${id}`).set('Authorization', tenant.auth).expect(202);
    expect(await settle(app, tenant, deletion.body.operationId, 120_000)).toMatchObject({ status: 'succeeded' });
    expect((await getCluster(app, tenant, id)).status).toBe('DELETED');
    expect(await clusterContainers(id)).toEqual([]);
    expect(await rawDocker().listNetworks({ filters: { label: [`${LABEL.cluster}=${id}`] } })).toEqual([]);
    expect(await rawDocker().listVolumes({ filters: { label: [`${LABEL.cluster}=${id}`] } })).toMatchObject({ Volumes: [] });

    expect(await pullEvents(windowStart, Math.ceil(Date.now() / 1000) + 1)).toEqual([]);
  }, 300_000);
});
