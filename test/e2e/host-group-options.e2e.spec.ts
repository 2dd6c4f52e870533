import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { clusterBody, settle, simCredential } from '../support/clusters';
import { ENGINE_START_TIMEOUT_MS, TEST_IMAGE, ensureDockerEngine, testDockerParameters } from '../support/docker-engine';
import { startTestApp, type TestApp, type TestTenant } from '../support/test-app';

/** hadoop-single-master with one worker; each host group as given (name and nodeCount filled in). */
function body(credential: string, master: Record<string, unknown>, worker: Record<string, unknown>) {
  const base = clusterBody(credential, 1);
  return { ...base, hostGroups: [{ name: 'master', nodeCount: 1, ...master }, { name: 'worker', nodeCount: 1, ...worker }] };
}

describe('host group options are checked against the provider\'s schema at request time', () => {
  let app: TestApp;
  let tenant: TestTenant;
  let sim: string;
  let docker: string;
  const http = () => request(app.baseUrl);

  beforeAll(async () => {
    await ensureDockerEngine();
    app = await startTestApp({ env: { HERD_POLL_MAX_MS: '250' } });
    tenant = await app.newTenant();
    sim = await simCredential(app, tenant);
    const engine = await http().post('/v1/credentials').set('Authorization', tenant.auth).send({ name: 'engine', provider: 'docker', parameters: testDockerParameters({ pullPolicy: 'never' }) });
    expect(engine.status, JSON.stringify(engine.body)).toBe(201);
    docker = engine.body.id;
  }, ENGINE_START_TIMEOUT_MS);

  afterAll(async () => {
    await app?.close();
  });

  async function written(): Promise<{ clusters: number; operations: number }> {
    const [row] = await app.db.query(
      `SELECT (SELECT count(*) FROM clusters WHERE tenant_id = $1)::int AS clusters, (SELECT count(*) FROM operations WHERE tenant_id = $1)::int AS operations`,
      [tenant.tenantId],
    );
    return row;
  }

  async function deleteAndSettle(clusterId: string): Promise<void> {
    const deleted = await http().delete(`/v1/clusters/${clusterId}`).set('Authorization', tenant.auth).expect(202);
    expect(await settle(app, tenant, deleted.body.operationId, 120_000)).toMatchObject({ status: 'succeeded' });
  }

  it.each(['/v1/clusters', '/v1/clusters/validate'])('%s: bad options on the sim and on docker are a 400 naming the field, and nothing is written', async (route) => {
    const before = await written();
    const onSim = await http().post(route).set('Authorization', tenant.auth).send(body(sim, { instanceType: 'small', options: { fooBar: 1 } }, { instanceType: 'small' }));
    expect(onSim.status, JSON.stringify(onSim.body)).toBe(400);
    expect(onSim.body.details).toEqual([{ field: 'hostGroups[0].options.fooBar', reason: expect.stringMatching(/^is not a known option/) }]);
    expect(onSim.body.message).toMatch(/^hostGroups\[0\]\.options\.fooBar: is not a known option/);

    const onDocker = await http()
      .post(route)
      .set('Authorization', tenant.auth)
      .send(body(docker, { instanceType: 'small', options: { image: TEST_IMAGE, publishPorts: 'yes' } }, { instanceType: 'small', options: { image: TEST_IMAGE, restartRetries: -1, imgae: 'x' } }));
    expect(onDocker.status, JSON.stringify(onDocker.body)).toBe(400);
    expect(onDocker.body.details).toEqual([
      { field: 'hostGroups[0].options.publishPorts', reason: 'must be true or false' },
      { field: 'hostGroups[1].options.imgae', reason: expect.stringMatching(/^is not a known option \(known: image, publishPorts/) },
      { field: 'hostGroups[1].options.restartRetries', reason: 'must be an integer from 0 to 100' },
    ]);
    expect(await written()).toEqual(before);
  });

  it('accepts good docker options (validate runs the pre-flight on the real engine), and a missing instance type takes the default', async () => {
    const workerOptions = { image: TEST_IMAGE, restartRetries: 0, volumes: [{ name: 'dfs', target: '/hadoop/dfs' }] };
    const good = body(docker, { options: { image: TEST_IMAGE, publishPorts: true } }, { instanceType: 'small', options: workerOptions });
    const validated = await http().post('/v1/clusters/validate').set('Authorization', tenant.auth).send(good);
    expect(validated.status, JSON.stringify(validated.body)).toBe(200);

    const created = await http().post('/v1/clusters').set('Authorization', tenant.auth).send(good);
    expect(created.status, JSON.stringify(created.body)).toBe(202);
    expect(created.body.cluster.hostGroups.map((group: { instanceType: string; options: unknown }) => [group.instanceType, group.options])).toEqual([
      ['medium', { image: TEST_IMAGE, publishPorts: true }],
      ['small', workerOptions],
    ]);
    await deleteAndSettle(created.body.cluster.id);
  }, 180_000);

  it('on the sim: no options are fine, and a missing instance type takes the default', async () => {
    const created = await http().post('/v1/clusters').set('Authorization', tenant.auth).send(body(sim, {}, { options: {} }));
    expect(created.status, JSON.stringify(created.body)).toBe(202);
    expect(created.body.cluster.hostGroups.map((group: { instanceType: string }) => group.instanceType)).toEqual(['medium', 'medium']);
    expect(await settle(app, tenant, created.body.operationId)).toMatchObject({ status: 'succeeded' });
    await deleteAndSettle(created.body.cluster.id);
  });

  it('shows each provider\'s options schema and default instance type in GET /v1/providers', async () => {
    const res = await http().get('/v1/providers').set('Authorization', tenant.auth).expect(200);
    const byKey = Object.fromEntries(res.body.items.map((item: { kind: string; variant: string }) => [`${item.kind}/${item.variant}`, item]));
    expect(byKey['sim/default']).toMatchObject({ defaultInstanceType: 'medium', hostGroupOptionsSchema: { type: 'object', additionalProperties: false, properties: {} } });
    expect(byKey['docker/default']).toMatchObject({ defaultInstanceType: 'medium', hostGroupOptionsSchema: { additionalProperties: false } });
    expect(Object.keys(byKey['docker/default'].hostGroupOptionsSchema.properties)).toEqual(['image', 'publishPorts', 'volumes', 'sandboxImage', 'restartRetries']);
    expect(byKey['openstack/nova']).toMatchObject({ defaultInstanceType: null, hostGroupOptionsSchema: { required: ['image'] } });
  });
});
