import { randomBytes } from 'node:crypto';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makePrivateCa, type PrivateCa } from '../support/private-ca';
import { startTestApp, TestApp, TestTenant } from '../support/test-app';

const PASSWORD = `os-pass-${randomBytes(12).toString('hex')}`;
const CLOUDS = `clouds:
  mine:
    auth:
      auth_url: http://keystone.example.test:5000/v3
      username: alice
      password: ${PASSWORD}
      project_name: demo
      user_domain_name: Default
      project_domain_name: Default
    region_name: RegionOne
`;
const OPENRC = `export OS_AUTH_URL=http://keystone.example.test:5000/v3
export OS_USERNAME=bob
export OS_PROJECT_NAME=demo
export OS_USER_DOMAIN_NAME=Default
export OS_PROJECT_DOMAIN_NAME=Default
echo "Please enter your OpenStack Password: "
read -sr OS_PASSWORD_INPUT
export OS_PASSWORD=$OS_PASSWORD_INPUT
`;

describe('POST /v1/credentials/import', () => {
  let app: TestApp;
  let tenant: TestTenant;
  const importing = (auth: string, body: object) => request(app.baseUrl).post('/v1/credentials/import').set('Authorization', auth).send(body);

  beforeAll(async () => {
    app = await startTestApp({ env: { LOG_LEVEL: 'trace' } });
    tenant = await app.newTenant('member');
  });
  afterAll(async () => {
    await app?.close();
  });

  it('imports a clouds.yaml entry, encrypts the password and never answers with it', async () => {
    const res = await importing(tenant.auth, { name: 'from-clouds', provider: 'openstack', variant: 'nova', format: 'clouds.yaml', content: CLOUDS, cloud: 'mine' }).expect(201);
    expect(res.body).toMatchObject({
      name: 'from-clouds',
      provider: 'openstack',
      variant: 'nova',
      parameters: { authUrl: 'http://keystone.example.test:5000/v3', username: 'alice', password: '********', projectName: 'demo', regionName: 'RegionOne' },
    });
    expect(res.text).not.toContain(PASSWORD);
    const read = await request(app.baseUrl).get('/v1/credentials/from-clouds').set('Authorization', tenant.auth).expect(200);
    expect(read.text).not.toContain(PASSWORD);
    const rows = await app.db.query(`SELECT * FROM credentials WHERE id = $1`, [res.body.id]);
    expect(JSON.stringify(rows)).not.toContain(PASSWORD);
    expect(app.logs()).not.toContain(PASSWORD);
  });

  it('imports an openrc with the password it prompts for', async () => {
    const res = await importing(tenant.auth, { name: 'from-openrc', provider: 'openstack', variant: 'heat', format: 'openrc', content: OPENRC, password: PASSWORD }).expect(201);
    expect(res.body.parameters).toMatchObject({ username: 'bob', password: '********' });
    expect(res.text).not.toContain(PASSWORD);
  });

  it('names the field when the input is wrong', async () => {
    const missingCloud = await importing(tenant.auth, { name: 'x1', provider: 'openstack', variant: 'nova', format: 'clouds.yaml', content: CLOUDS }).expect(400);
    expect(missingCloud.body.details).toEqual([expect.objectContaining({ field: 'cloud' })]);
    const unknownCloud = await importing(tenant.auth, { name: 'x2', provider: 'openstack', variant: 'nova', format: 'clouds.yaml', content: CLOUDS, cloud: 'other' }).expect(400);
    expect(unknownCloud.body.details[0].field).toBe('cloud');
    const badFormat = await importing(tenant.auth, { name: 'x3', provider: 'openstack', variant: 'nova', format: 'ini', content: CLOUDS }).expect(400);
    expect(badFormat.body.details[0].field).toBe('format');
    const badProvider = await importing(tenant.auth, { name: 'x4', provider: 'sim', variant: 'default', format: 'openrc', content: OPENRC }).expect(400);
    expect(badProvider.body.details[0]).toEqual({ field: 'provider', reason: 'sim/default does not read credential files' });
    const badVariant = await importing(tenant.auth, { name: 'x5', provider: 'openstack', variant: 'nope', format: 'openrc', content: OPENRC, password: PASSWORD }).expect(400);
    expect(badVariant.body.details[0].field).toBe('variant');
    expect(badVariant.text).not.toContain(PASSWORD);
    const notYaml = await importing(tenant.auth, { name: 'x6', provider: 'openstack', variant: 'nova', format: 'clouds.yaml', content: 'clouds: [', cloud: 'mine' }).expect(400);
    expect(notYaml.body.details[0].field).toBe('content');
  });

  it('keeps inline PEM cacert, cert and key, encrypts the key, and names the field of a path or bad PEM', async () => {
    const ca: PrivateCa = makePrivateCa();
    try {
      const block = (pem: string) => `|\n      ${pem.trim().replace(/\n/g, '\n      ')}`;
      const withTls = (tls: string) => CLOUDS.replace('    region_name: RegionOne\n', `    region_name: RegionOne\n${tls}\n`);
      const keyBody = ca.client.key.split('\n')[1];
      const res = await importing(tenant.auth, {
        name: 'from-clouds-tls', provider: 'openstack', variant: 'nova', format: 'clouds.yaml', cloud: 'mine',
        content: withTls(`    verify: false\n    cacert: ${block(ca.ca)}\n    cert: ${block(ca.client.cert)}\n    key: ${block(ca.client.key)}`),
      }).expect(201);
      expect(res.body.parameters).toMatchObject({ cacert: ca.ca, cert: ca.client.cert, key: '********', insecure: true });
      const read = await request(app.baseUrl).get('/v1/credentials/from-clouds-tls').set('Authorization', tenant.auth).expect(200);
      expect(read.text).not.toContain(keyBody);
      const rows = await app.db.query(`SELECT * FROM credentials WHERE id = $1`, [res.body.id]);
      expect(JSON.stringify(rows)).not.toContain(keyBody);
      expect(JSON.stringify(rows)).toContain(ca.ca.split('\n')[1]);

      const path = await importing(tenant.auth, { name: 'x7', provider: 'openstack', variant: 'nova', format: 'clouds.yaml', cloud: 'mine', content: withTls('    cacert: /etc/ssl/private-ca.pem') }).expect(400);
      expect(path.body.details).toEqual([{ field: 'cacert', reason: expect.stringMatching(/names a file \('\/etc\/ssl\/private-ca\.pem'\).*put the PEM text itself/) }]);
      const mismatch = await importing(tenant.auth, { name: 'x8', provider: 'openstack', variant: 'nova', format: 'clouds.yaml', cloud: 'mine', content: withTls(`    cert: ${block(ca.ca)}\n    key: ${block(ca.client.key)}`) }).expect(400);
      expect(mismatch.body.details).toEqual([{ field: 'key', reason: 'does not belong to the certificate in cert' }]);
      expect(mismatch.text).not.toContain(keyBody);

      const created = await request(app.baseUrl).post('/v1/credentials').set('Authorization', tenant.auth)
        .send({ name: 'x9', provider: 'openstack', variant: 'nova', parameters: { authUrl: 'http://keystone.example.test:5000/v3', username: 'a', password: PASSWORD, cacert: '/etc/ssl/ca.pem', cert: ca.client.cert } })
        .expect(400);
      expect(created.body.details).toEqual(expect.arrayContaining([
        { field: 'parameters.cacert', reason: expect.stringMatching(/^must be PEM text/) },
        { field: 'parameters', reason: expect.stringMatching(/key/) },
      ]));
      expect(app.logs()).not.toContain(keyBody);
    } finally {
      ca.remove();
    }
  });

  it('needs the member role', async () => {
    const viewer = await app.newTenant('viewer');
    await importing(viewer.auth, { name: 'v', provider: 'openstack', variant: 'nova', format: 'clouds.yaml', content: CLOUDS, cloud: 'mine' }).expect(403);
  });
});
