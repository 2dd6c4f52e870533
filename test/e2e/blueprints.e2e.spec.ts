import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BlueprintUsage } from '../../src/modules/blueprints/blueprint-usage';
import { BlueprintsService } from '../../src/modules/blueprints/blueprints.service';
import { fixture, fixtureText, smallBlueprint } from '../support/blueprint-fixtures';
import { startTestApp, TestApp, TestTenant } from '../support/test-app';

const BUILT_IN_COUNT = 3;

describe('/v1/blueprints', () => {
  let app: TestApp;
  let tenant: TestTenant;
  let other: TestTenant;
  const http = () => request(app.baseUrl);
  const rowCount = async (): Promise<number> => Number((await app.db.query('SELECT count(*)::int AS n FROM blueprints'))[0].n);
  const post = (t: TestTenant, body: unknown, query = '') => http().post(`/v1/blueprints${query}`).set('Authorization', t.auth).send(body as object);

  beforeAll(async () => {
    app = await startTestApp();
    tenant = await app.newTenant('member');
    other = await app.newTenant('member');
  });
  afterAll(async () => {
    await app.close();
  });

  describe('access', () => {
    it('answers 401 without a key and stores nothing', async () => {
      const before = await rowCount();
      await http().get('/v1/blueprints').expect(401);
      const res = await http().post('/v1/blueprints').send(smallBlueprint('anonymous')).expect(401);
      expect(res.body.message).toMatch(/API key is required/);
      expect(await rowCount()).toBe(before);
    });

    it('lets a viewer read but not create', async () => {
      const viewer = { ...tenant, auth: `Bearer ${await tenant.keyWithRole('viewer')}` };
      const before = await rowCount();
      const res = await post(viewer, smallBlueprint('from-viewer')).expect(403);
      expect(res.body.message).toMatch(/member role/);
      expect(await rowCount()).toBe(before);
      await http().get('/v1/blueprints').set('Authorization', viewer.auth).expect(200);
    });
  });

  describe('import', () => {
    it('creates a blueprint from the Ambari form', async () => {
      const res = await post(tenant, smallBlueprint('small-hdfs-yarn')).expect(201);
      expect(res.body).toMatchObject({
        name: 'small-hdfs-yarn',
        builtIn: false,
        stack: { name: 'HDP', version: '2.6' },
        resolvedStack: { name: 'HADOOP', version: '2.7' },
        hostGroups: [
          { name: 'master', cardinality: '1', components: ['NAMENODE', 'RESOURCEMANAGER', 'HDFS_CLIENT'] },
          { name: 'worker', cardinality: '1+', components: ['DATANODE', 'NODEMANAGER'] },
        ],
        ambariBlueprint: smallBlueprint('small-hdfs-yarn'),
      });
      expect(res.body.id).toMatch(/^[0-9a-f-]{36}$/);
      const [row] = await app.db.query('SELECT tenant_id, stack_name, stack_version, document, host_groups FROM blueprints WHERE id = $1', [res.body.id]);
      expect(row).toMatchObject({ tenant_id: tenant.tenantId, stack_name: 'HDP', stack_version: '2.6', document: smallBlueprint('small-hdfs-yarn') });
      expect(row.host_groups).toEqual(res.body.hostGroups);
    });

    it('imports a blueprint exported from Ambari unchanged, named by ?name=', async () => {
      const exported = fixture('ambari-export-hdp26.json');
      const res = await post(tenant, exported, '?name=exported-hdp26').expect(201);
      expect(res.body.name).toBe('exported-hdp26');
      expect(res.body.ambariBlueprint).toEqual(exported);
      const fetched = await http().get('/v1/blueprints/exported-hdp26').set('Authorization', tenant.auth).expect(200);
      expect(fetched.body.ambariBlueprint).toEqual(exported);
    });

    it('imports the Ranger blueprint of Ambari\'s documentation, extra configuration types and all', async () => {
      const ranger = fixture('ambari-docs-ranger-hdp23.json');
      const res = await post(tenant, ranger, '?name=ranger-hdp23').expect(201);
      expect(res.body).toMatchObject({ stack: { name: 'HDP', version: '2.3' }, resolvedStack: { name: 'HADOOP', version: '2.7' } });
      expect(res.body.ambariBlueprint).toEqual(ranger);
    });

    it.each([
      ['object', (text: string) => JSON.parse(text)],
      ['text', (text: string) => text],
      ['base64', (text: string) => Buffer.from(text).toString('base64')],
    ])('imports the Cloudbreak default with ambariBlueprint as %s', async (encoding, encode) => {
      const text = fixtureText('cloudbreak-hdp-small-default.bp');
      const res = await post(tenant, { name: `cloudbreak-${encoding}`, description: 'hdp-small-default', ambariBlueprint: encode(text) }).expect(201);
      expect(res.body).toMatchObject({ name: `cloudbreak-${encoding}`, description: 'hdp-small-default', stack: { name: 'HDP', version: '2.4' } });
      expect(res.body.ambariBlueprint).toEqual(JSON.parse(text));
      expect(res.body.hostGroups).toHaveLength(5);
    });

    it('answers 409 for a name taken in the tenant or by a built-in, and allows it in another tenant', async () => {
      await post(tenant, smallBlueprint('taken')).expect(201);
      const before = await rowCount();
      const res = await post(tenant, { name: 'taken', ambariBlueprint: smallBlueprint('whatever') }).expect(409);
      expect(res.body.details).toEqual([{ field: 'name', reason: 'is already taken' }]);
      await post(tenant, smallBlueprint('hadoop-ha')).expect(409);
      expect(await rowCount()).toBe(before);
      await post(other, smallBlueprint('taken')).expect(201);
    });
  });

  describe('read', () => {
    it('lists built-ins first, then the tenant\'s own, a page at a time', async () => {
      const fresh = await app.newTenant('member');
      for (const name of ['p1', 'p2', 'p3']) await post(fresh, smallBlueprint(name)).expect(201);
      const first = await http().get('/v1/blueprints?limit=2').set('Authorization', fresh.auth).expect(200);
      expect(first.body).toMatchObject({ total: BUILT_IN_COUNT + 3, limit: 2, offset: 0 });
      expect(first.body.items.map((b: { name: string }) => b.name)).toEqual(['hadoop-single-master', 'hadoop-multi-node']);
      const second = await http().get('/v1/blueprints?limit=2&offset=2').set('Authorization', fresh.auth).expect(200);
      expect(second.body.items.map((b: { name: string; builtIn: boolean }) => [b.name, b.builtIn])).toEqual([
        ['hadoop-ha', true],
        ['p1', false],
      ]);
      const third = await http().get('/v1/blueprints?limit=2&offset=4').set('Authorization', fresh.auth).expect(200);
      expect(third.body.items.map((b: { name: string }) => b.name)).toEqual(['p2', 'p3']);
      const straddling = await http().get('/v1/blueprints?limit=3&offset=1').set('Authorization', fresh.auth).expect(200);
      expect(straddling.body.items.map((b: { name: string }) => b.name)).toEqual(['hadoop-multi-node', 'hadoop-ha', 'p1']);
      const beyond = await http().get('/v1/blueprints?limit=2&offset=50').set('Authorization', fresh.auth).expect(200);
      expect(beyond.body).toMatchObject({ items: [], total: 6 });
      const defaults = await http().get('/v1/blueprints').set('Authorization', fresh.auth).expect(200);
      expect(defaults.body).toMatchObject({ limit: 20, offset: 0, total: 6 });
      expect(defaults.body.items[0].ambariBlueprint).toBeUndefined();
    });

    it.each([
      ['limit=0', 'limit'],
      ['limit=abc', 'limit'],
      ['limit=101', 'limit'],
      ['offset=-1', 'offset'],
      ['offset=1.5', 'offset'],
      ['page=2', 'page'],
    ])('answers 400 for ?%s naming %s', async (query, field) => {
      const res = await http().get(`/v1/blueprints?${query}`).set('Authorization', tenant.auth).expect(400);
      expect(res.body.details.map((d: { field: string }) => d.field)).toContain(field);
    });

    it('gets a blueprint by id or name, and a built-in by its stable id', async () => {
      const created = await post(tenant, smallBlueprint('by-id-or-name')).expect(201);
      const byId = await http().get(`/v1/blueprints/${created.body.id}`).set('Authorization', tenant.auth).expect(200);
      const byName = await http().get('/v1/blueprints/by-id-or-name').set('Authorization', tenant.auth).expect(200);
      expect(byId.body).toEqual(byName.body);
      const ha = await http().get('/v1/blueprints/00000000-0000-4000-8000-00000000b003').set('Authorization', other.auth).expect(200);
      expect(ha.body).toMatchObject({ name: 'hadoop-ha', builtIn: true, resolvedStack: { name: 'HADOOP', version: '3.3' } });
      expect(ha.body.hostGroups.map((g: { name: string }) => g.name)).toEqual(['master_1', 'master_2', 'master_3', 'worker']);
    });

    it('hides one tenant\'s blueprints from another (404, never 403)', async () => {
      const created = await post(tenant, smallBlueprint('private-one')).expect(201);
      const byId = await http().get(`/v1/blueprints/${created.body.id}`).set('Authorization', other.auth).expect(404);
      expect(byId.body.message).toBe(`Blueprint "${created.body.id}" does not exist`);
      await http().get('/v1/blueprints/private-one').set('Authorization', other.auth).expect(404);
      await http().delete(`/v1/blueprints/${created.body.id}`).set('Authorization', other.auth).expect(404);
      const listed = await http().get('/v1/blueprints?limit=100').set('Authorization', other.auth).expect(200);
      expect(listed.body.items.map((b: { id: string }) => b.id)).not.toContain(created.body.id);
      await http().get(`/v1/blueprints/${created.body.id}`).set('Authorization', tenant.auth).expect(200);
    });

    it('answers 404 for ids and names that do not exist', async () => {
      await http().get('/v1/blueprints/3f1c9f3e-6d0b-4f57-9b9b-1d1b3f0c2a7e').set('Authorization', tenant.auth).expect(404);
      await http().get('/v1/blueprints/no-such-blueprint').set('Authorization', tenant.auth).expect(404);
      await http().get(`/v1/blueprints/${encodeURIComponent('bad name with spaces')}`).set('Authorization', tenant.auth).expect(404);
    });
  });

  describe('delete', () => {
    it('deletes with 204, then the blueprint is gone', async () => {
      const created = await post(tenant, smallBlueprint('short-lived')).expect(201);
      await http().delete(`/v1/blueprints/${created.body.id}`).set('Authorization', tenant.auth).expect(204);
      await http().get(`/v1/blueprints/${created.body.id}`).set('Authorization', tenant.auth).expect(404);
      await http().delete(`/v1/blueprints/${created.body.id}`).set('Authorization', tenant.auth).expect(404);
    });

    it('refuses to delete a built-in blueprint with 403', async () => {
      const res = await http().delete('/v1/blueprints/hadoop-single-master').set('Authorization', tenant.auth).expect(403);
      expect(res.body.message).toMatch(/built in and read-only/);
    });

    it('refuses with 409 while something registered as a user of blueprints holds it', async () => {
      const created = await post(tenant, smallBlueprint('in-use')).expect(201);
      app.herd.context.get(BlueprintUsage).register(async (scope, id) => (scope.tenantId === tenant.tenantId && id === created.body.id ? ['cluster "etl" (c0ffee)'] : []));
      const before = await rowCount();
      const res = await http().delete('/v1/blueprints/in-use').set('Authorization', tenant.auth).expect(409);
      expect(res.body.message).toBe('Blueprint "in-use" is used by cluster "etl" (c0ffee); delete it first');
      expect(await rowCount()).toBe(before);
    });

    it('answers 409, not 500, when a row elsewhere still references the blueprint', async () => {
      const created = await post(tenant, smallBlueprint('referenced')).expect(201);
      await app.db.query('CREATE TABLE blueprint_reference_probe (blueprint_id uuid REFERENCES blueprints(id))');
      try {
        await app.db.query('INSERT INTO blueprint_reference_probe VALUES ($1)', [created.body.id]);
        const res = await http().delete('/v1/blueprints/referenced').set('Authorization', tenant.auth).expect(409);
        expect(res.body.message).toMatch(/is used by a cluster/);
        await http().get('/v1/blueprints/referenced').set('Authorization', tenant.auth).expect(200);
      } finally {
        await app.db.query('DROP TABLE blueprint_reference_probe');
      }
    });
  });

  describe('bad input', () => {
    const withHostGroup = (index: number, change: (group: Record<string, any>) => void) => {
      const body = smallBlueprint('bad');
      change(body.host_groups[index]);
      return body;
    };
    const cases: [label: string, send: (t: TestTenant) => request.Test, status: number, field: string][] = [
      ['invalid JSON', (t) => http().post('/v1/blueprints').set('Authorization', t.auth).set('Content-Type', 'application/json').send('{"Blueprints": {'), 400, 'body'],
      ['a 1 MB body', (t) => post(t, { ...smallBlueprint('huge'), padding: 'x'.repeat(1024 * 1024) }), 413, 'body'],
      ['a JSON array', (t) => post(t, [smallBlueprint('array')]), 400, 'body'],
      ['a non-JSON content type', (t) => http().post('/v1/blueprints').set('Authorization', t.auth).set('Content-Type', 'text/plain').send('Blueprints'), 400, 'body'],
      ['neither form', (t) => post(t, { name: 'x', blueprint: smallBlueprint('x') }), 400, 'body'],
      ['a number as stack name', (t) => post(t, { ...smallBlueprint('bad'), Blueprints: { blueprint_name: 'bad', stack_name: 5, stack_version: '2.6' } }), 400, 'Blueprints.stack_name'],
      ['a missing stack version', (t) => post(t, { ...smallBlueprint('bad'), Blueprints: { blueprint_name: 'bad', stack_name: 'HDP' } }), 400, 'Blueprints.stack_version'],
      ['an unknown stack', (t) => post(t, { ...smallBlueprint('bad'), Blueprints: { blueprint_name: 'bad', stack_name: 'CDH', stack_version: '5' } }), 400, 'Blueprints.stack_name'],
      ['an unknown stack version', (t) => post(t, { ...smallBlueprint('bad'), Blueprints: { blueprint_name: 'bad', stack_name: 'HDP', stack_version: '3.1' } }), 400, 'Blueprints.stack_version'],
      ['missing host groups', (t) => post(t, { Blueprints: { blueprint_name: 'bad', stack_name: 'HDP', stack_version: '2.6' } }), 400, 'host_groups'],
      ['host groups as an object', (t) => post(t, { ...smallBlueprint('bad'), host_groups: { master: [] } }), 400, 'host_groups'],
      ['a host group without a name', (t) => post(t, withHostGroup(1, (g) => delete g.name)), 400, 'host_groups[1].name'],
      ['a duplicate host group name', (t) => post(t, withHostGroup(1, (g) => (g.name = 'master'))), 400, 'host_groups[1].name'],
      ['a host group without components', (t) => post(t, withHostGroup(0, (g) => (g.components = []))), 400, 'host_groups[0].components'],
      ['a component without a name', (t) => post(t, withHostGroup(1, (g) => g.components.push({ nom: 'DATANODE' }))), 400, 'host_groups[1].components[2].name'],
      ['a component name of the wrong type', (t) => post(t, withHostGroup(1, (g) => (g.components[0] = { name: ['DATANODE'] }))), 400, 'host_groups[1].components[0].name'],
      ['an unknown component', (t) => post(t, withHostGroup(1, (g) => g.components.push({ name: 'FLUX_CAPACITOR' }))), 400, 'host_groups[1].components[2].name'],
      ['a broken host group cardinality', (t) => post(t, withHostGroup(0, (g) => (g.cardinality = '2-1'))), 400, 'host_groups[0].cardinality'],
      ['too many NameNodes', (t) => post(t, withHostGroup(0, (g) => (g.cardinality = '3'))), 400, 'host_groups[0].components[0].name'],
      ['a DataNode without a NameNode', (t) => post(t, withHostGroup(0, (g) => g.components.splice(0, 1))), 400, 'host_groups[1].components[0].name'],
      ['a configuration value of the wrong type', (t) => post(t, { ...smallBlueprint('bad'), configurations: [{ 'hdfs-site': { properties: { 'dfs.replication': [2] } } }] }), 400, 'configurations[0].hdfs-site.properties["dfs.replication"]'],
      ['a missing name', (t) => post(t, { ...smallBlueprint('bad'), Blueprints: { stack_name: 'HDP', stack_version: '2.6' } }), 400, 'Blueprints.blueprint_name'],
      ['a name too long', (t) => post(t, smallBlueprint('x'.repeat(101))), 400, 'Blueprints.blueprint_name'],
      ['an unknown field in the Cloudbreak envelope', (t) => post(t, { name: 'bad', ambariBlueprint: smallBlueprint('bad'), tags: {} }), 400, 'tags'],
      ['a Cloudbreak request without a name', (t) => post(t, { ambariBlueprint: smallBlueprint('bad') }), 400, 'name'],
      ['a description of the wrong type', (t) => post(t, { name: 'bad', description: 42, ambariBlueprint: smallBlueprint('bad') }), 400, 'description'],
      ['ambariBlueprint as broken JSON text', (t) => post(t, { name: 'bad', ambariBlueprint: '{"Blueprints": ' }), 400, 'ambariBlueprint'],
      ['ambariBlueprint as broken base64', (t) => post(t, { name: 'bad', ambariBlueprint: '%%%not-base64%%%' }), 400, 'ambariBlueprint'],
      ['a problem inside a Cloudbreak ambariBlueprint', (t) => post(t, { name: 'bad', ambariBlueprint: withHostGroup(1, (g) => g.components.push({ name: 'FLUX_CAPACITOR' })) }), 400, 'ambariBlueprint.host_groups[1].components[2].name'],
      ['an unknown query parameter', (t) => post(t, smallBlueprint('bad'), '?validate_topology=false'), 400, 'validate_topology'],
    ];

    it.each(cases)('answers %s with the right status, naming the field, and stores nothing', async (_, send, status, field) => {
      const before = await rowCount();
      const res = await send(tenant).expect(status);
      expect(res.body).toMatchObject({ statusCode: status, correlationId: expect.any(String) });
      expect(res.body.details.map((d: { field: string }) => d.field)).toContain(field);
      for (const detail of res.body.details) expect(detail.reason).toEqual(expect.any(String));
      expect(await rowCount()).toBe(before);
    });
  });

  describe('service API for the clusters module', () => {
    it('resolves, checks sizes and renders component specs, also from a narrower view of the blueprint', async () => {
      const service = app.herd.context.get(BlueprintsService);
      await post(tenant, smallBlueprint('for-clusters')).expect(201);
      const blueprint = await service.resolve(tenant, 'for-clusters');
      expect(blueprint).toMatchObject({ name: 'for-clusters', builtIn: false, resolvedStack: { name: 'HADOOP', version: '2.7' } });
      await expect(service.resolve(other, 'for-clusters')).rejects.toMatchObject({ code: 'NOT_FOUND' });

      const narrow = { id: blueprint.id, name: blueprint.name, stack: blueprint.stack, hostGroups: blueprint.hostGroups.map(({ name, components }) => ({ name, components })) };
      expect(service.checkHostGroupSizes(narrow, { master: 1, worker: 3 })).toEqual([]);
      expect(service.checkHostGroupSizes(narrow, { master: 2, worker: 0 }, 'request.sizes')).toEqual([
        { field: 'request.sizes.worker', reason: expect.stringContaining('DATANODE would run on 0 hosts') },
        { field: 'request.sizes.worker', reason: expect.stringContaining('NODEMANAGER would run on 0 hosts') },
      ]);

      const specs = service.componentSpecsFor(blueprint, 'master', { master: ['herd-abc-master-0'], worker: ['herd-abc-worker-0', 'herd-abc-worker-1'] });
      expect(specs.map((spec) => spec.name)).toEqual(['NAMENODE', 'RESOURCEMANAGER']);
      const hdfsSite = specs[0]!.configFiles.find((file) => file.path.endsWith('hdfs-site.xml'))!.content;
      expect(hdfsSite).toContain('<name>dfs.replication</name>\n    <value>2</value>');
      const coreSite = specs[0]!.configFiles.find((file) => file.path.endsWith('core-site.xml'))!.content;
      expect(coreSite).toContain('hdfs://herd-abc-master-0:8020');
      expect(() => service.componentSpecsFor(blueprint, 'nope')).toThrow(/does not exist/);
    });
  });

  it('documents the endpoints in OpenAPI', async () => {
    const docs = await http().get('/docs-json').expect(200);
    expect(Object.keys(docs.body.paths)).toEqual(expect.arrayContaining(['/v1/blueprints', '/v1/blueprints/{idOrName}', '/v1/stacks']));
    expect(docs.body.components.schemas.PageOfBlueprintSummary.properties).toHaveProperty('total');
  });
});
