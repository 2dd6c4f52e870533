import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { clusterBody, requestCluster, settle, simCredential } from '../support/clusters';
import { startTestApp, TestApp, TestTenant } from '../support/test-app';

/** 169.254.169.254 as a client may spell it: decimal, hex, octal, short forms, IPv4-mapped IPv6, a trailing dot. */
const METADATA_SPELLINGS = [
  '169.254.169.254',
  '2852039166',
  '0xA9FEA9FE',
  '0251.0376.0251.0376',
  '0xa9.0xfe.0xa9.0xfe',
  '169.254.43518',
  '169.16689662',
  '[::ffff:169.254.169.254]',
  '[::ffff:a9fe:a9fe]',
  '[0:0:0:0:0:ffff:169.254.169.254]',
  '169.254.169.254.',
];
const PRIVATE_HOSTS = ['127.0.0.1', 'localhost', '[::1]', '10.0.0.1', '172.16.5.4', '192.168.1.1', '0.0.0.0', 'metadata.google.internal'];

describe('refusals at request time', () => {
  let app: TestApp;
  let tenant: TestTenant;
  const http = () => request(app.baseUrl);

  beforeAll(async () => {
    app = await startTestApp({ env: { HERD_EGRESS_ALLOW_PRIVATE: 'false' } });
    tenant = await app.newTenant();
  });
  afterAll(async () => {
    await app?.close();
  });

  const openstack = (host: string, port = 5000) => ({ authUrl: `http://${host}:${port}/v3`, username: 'u', password: 'p', projectName: 'p', userDomainName: 'Default' });
  const bareHost = (host: string) => host.replace(/^\[(.*)\]$/, '$1');

  it.each([...METADATA_SPELLINGS, ...PRIVATE_HOSTS])('refuses a credential that names %s, with a 400 naming the field', async (host) => {
    const keystone = await http().post('/v1/credentials').set('Authorization', tenant.auth).send({ name: 'os', provider: 'openstack', variant: 'nova', parameters: openstack(host) });
    expect(keystone.status, JSON.stringify(keystone.body)).toBe(400);
    expect(keystone.body.details).toEqual([expect.objectContaining({ field: 'parameters.authUrl', reason: expect.stringMatching(/egress policy refuses|cloud metadata/) })]);
    const docker = await http().post('/v1/credentials').set('Authorization', tenant.auth).send({ name: 'engine', provider: 'docker', parameters: { host: bareHost(host), port: 2375 } });
    expect(docker.status, JSON.stringify(docker.body)).toBe(400);
    expect(docker.body.details).toEqual([expect.objectContaining({ field: 'parameters.host', reason: expect.stringMatching(/egress policy refuses|cloud metadata/) })]);
  });

  it('refuses a Redis port on loopback, and a change of parameters that points there', async () => {
    await http().post('/v1/credentials').set('Authorization', tenant.auth).send({ name: 'redis', provider: 'openstack', variant: 'nova', parameters: openstack('127.0.0.1', 6379) }).expect(400);
    const fine = await http().post('/v1/credentials').set('Authorization', tenant.auth).send({ name: 'public', provider: 'openstack', variant: 'nova', parameters: openstack('93.184.216.34') }).expect(201);
    const changed = await http().patch(`/v1/credentials/${fine.body.id}`).set('Authorization', tenant.auth).send({ parameters: openstack('169.254.169.254') });
    expect(changed.status, JSON.stringify(changed.body)).toBe(400);
    expect(changed.body.details[0].field).toBe('parameters.authUrl');
  });

  it('stores a host name that does not resolve yet, and refuses it when herd would connect: validate answers 400, not 500', async () => {
    const engine = await http().post('/v1/credentials').set('Authorization', tenant.auth).send({ name: 'later', provider: 'docker', parameters: { host: 'engine.herd-test.invalid', port: 2375 } }).expect(201);
    const res = await http().post('/v1/clusters/validate').set('Authorization', tenant.auth).send(clusterBody(engine.body.id, 1));
    expect(res.status, JSON.stringify(res.body)).toBe(400);
    expect(res.body.details).toEqual([{ field: 'credential', reason: expect.stringMatching(/^herd may not connect there: .*does not resolve/) }]);
    const verified = await http().post(`/v1/credentials/${engine.body.id}/verify`).set('Authorization', tenant.auth).expect(200);
    expect(verified.body.message).toMatch(/^herd may not connect there/);
  });

  it('says the same of a rejected credential in validate and in verify', async () => {
    const revoked = await simCredential(app, tenant, { rejectCredential: true });
    const validated = await http().post('/v1/clusters/validate').set('Authorization', tenant.auth).send(clusterBody(revoked, 1));
    expect(validated.status, JSON.stringify(validated.body)).toBe(400);
    expect(validated.body.details).toEqual([{ field: 'credential', reason: expect.stringMatching(/^The provider rejected the credential/) }]);
    const verified = await http().post(`/v1/credentials/${revoked}/verify`).set('Authorization', tenant.auth).expect(200);
    expect(verified.body).toMatchObject({ ok: false, message: expect.stringMatching(/rejects this credential/) });
    expect(validated.body.details[0].reason).toContain('rejects this credential');
  });

  describe('routes that take no body', () => {
    let clusterId: string;
    let credentialId: string;

    beforeAll(async () => {
      credentialId = await simCredential(app, tenant);
      const created = await requestCluster(app, tenant, clusterBody(credentialId, 1));
      clusterId = created.id;
      await settle(app, tenant, created.operationId);
    });

    it.each([
      ['stop', (id: string) => `/v1/clusters/${id}/stop`],
      ['start', (id: string) => `/v1/clusters/${id}/start`],
      ['repair', (id: string) => `/v1/clusters/${id}/repair`],
      ['retry', (id: string) => `/v1/clusters/${id}/retry`],
    ])('POST %s refuses a body with 400 naming each field', async (_name, path) => {
      const res = await http().post(path(clusterId)).set('Authorization', tenant.auth).set('Content-Type', 'application/json').send('{"force": true, "__proto__": {"admin": true}}');
      expect(res.status, JSON.stringify(res.body)).toBe(400);
      expect(res.body.details).toEqual([
        { field: 'force', reason: 'is not a known field' },
        { field: '__proto__', reason: 'is not a known field' },
      ]);
      const list = await http().post(path(clusterId)).set('Authorization', tenant.auth).send([1, 2]);
      expect(list.status).toBe(400);
      expect(list.body.details).toEqual([{ field: 'body', reason: 'must be empty: this route takes no body' }]);
    });

    it('verify and delete refuse a body too; an empty object or no body passes', async () => {
      await http().post(`/v1/credentials/${credentialId}/verify`).set('Authorization', tenant.auth).send({ deep: true }).expect(400);
      await http().post(`/v1/credentials/${credentialId}/verify`).set('Authorization', tenant.auth).send({}).expect(200);
      await http().delete(`/v1/clusters/${clusterId}`).set('Authorization', tenant.auth).send({ now: true }).expect(400);
      const stopped = await http().post(`/v1/clusters/${clusterId}/stop`).set('Authorization', tenant.auth).expect(202);
      await settle(app, tenant, stopped.body.operationId);
      await http().delete(`/v1/clusters/${clusterId}`).set('Authorization', tenant.auth).send({}).expect(202);
    });

    it('still answers 401 before looking at the body', async () => {
      await http().post(`/v1/clusters/${clusterId}/stop`).send({ force: true }).expect(401);
    });
  });
});
