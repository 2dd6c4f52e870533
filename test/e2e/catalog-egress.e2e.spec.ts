import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { keystoneStandIn, type KeystoneStandIn } from '../support/keystone-stand-in';
import { startTestApp, TestApp, TestTenant } from '../support/test-app';

describe('the egress policy on the service catalog, through the API', () => {
  let app: TestApp;
  let tenant: TestTenant;
  let keystone: KeystoneStandIn;

  beforeAll(async () => {
    keystone = await keystoneStandIn();
    app = await startTestApp();
    tenant = await app.newTenant('member');
  });
  afterAll(async () => {
    await app?.close();
    await keystone?.close();
  });

  it('a credential whose catalog names the metadata address is saved, and verify refuses the endpoint in words', async () => {
    keystone.computeAt = 'http://169.254.169.254:8774/v2.1';
    const parameters = { authUrl: `${keystone.url}/v3`, username: 'u', password: 'p', projectName: 'demo', userDomainName: 'Default' };
    const created = await request(app.baseUrl).post('/v1/credentials').set('Authorization', tenant.auth).send({ name: 'catalog-to-metadata', provider: 'openstack', variant: 'nova', parameters }).expect(201);
    const verdict = await request(app.baseUrl).post(`/v1/credentials/${created.body.id}/verify`).set('Authorization', tenant.auth).expect(200);
    expect(verdict.body).toEqual({
      ok: false,
      message: expect.stringMatching(/^herd may not connect there: herd's egress policy refuses the compute endpoint of Keystone's service catalog http:\/\/169\.254\.169\.254:8774\/v2\.1: .*HERD_EGRESS_ALLOWED_CIDRS/),
    });
    expect(keystone.computeCalls).toBe(0);
  });
});
