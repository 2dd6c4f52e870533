import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, TestApp } from '../support/test-app';

const STACKS_YAML = `
stacks:
  - name: ODP
    version: "1.2"
    extends: { name: HADOOP, version: "3.3" }
    description: Our distribution
    components:
      NAMENODE: { process: { image: registry.example.com/hadoop:3.4.1 } }
`;

describe('/v1/stacks with a stacks file', () => {
  let app: TestApp;
  let auth: string;
  beforeAll(async () => {
    const path = join(mkdtempSync(join(tmpdir(), 'herd-stacks-')), 'stacks.yaml');
    writeFileSync(path, STACKS_YAML);
    app = await startTestApp({ env: { HERD_STACKS_FILE: path } });
    auth = (await app.newTenant('viewer')).auth;
  });
  afterAll(async () => {
    await app.close();
  });

  it('lists the built-in stacks and the configured one', async () => {
    await request(app.baseUrl).get('/v1/stacks').expect(401);
    const res = await request(app.baseUrl).get('/v1/stacks').set('Authorization', auth).expect(200);
    expect(res.body.items.map((s: { name: string; version: string }) => `${s.name} ${s.version}`)).toEqual(['HADOOP 3.5', 'HADOOP 3.3', 'HADOOP 2.7', 'ODP 1.2']);
    const odp = res.body.items.find((s: { name: string }) => s.name === 'ODP');
    expect(odp.components.find((c: { name: string }) => c.name === 'NAMENODE')).toMatchObject({ runs: true, image: 'registry.example.com/hadoop:3.4.1', health: { port: 9870, path: '/jmx' } });
    expect(odp.components.find((c: { name: string }) => c.name === 'HDFS_CLIENT')).toMatchObject({ category: 'client', runs: false });
    const hadoop27 = res.body.items.find((s: { version: string }) => s.version === '2.7');
    expect(hadoop27.aliases).toContainEqual({ name: 'HDP', version: '2.6' });
  });

  it('accepts blueprints for the configured stack', async () => {
    const member = await app.newTenant('member');
    const res = await request(app.baseUrl)
      .post('/v1/blueprints')
      .set('Authorization', member.auth)
      .send({ Blueprints: { blueprint_name: 'odp', stack_name: 'ODP', stack_version: '1.2' }, host_groups: [{ name: 'all', components: [{ name: 'NAMENODE' }, { name: 'DATANODE' }] }] })
      .expect(201);
    expect(res.body.resolvedStack).toEqual({ name: 'ODP', version: '1.2' });
  });
});
