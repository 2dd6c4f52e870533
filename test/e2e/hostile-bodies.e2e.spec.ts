import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, TestApp, TestTenant } from '../support/test-app';

/** Bodies the fuzz test found answered with 500 before the body parser refused them. */
describe('hostile request bodies', () => {
  let app: TestApp;
  let admin: TestTenant;

  beforeAll(async () => {
    app = await startTestApp();
    admin = await app.newTenant('admin');
  });
  afterAll(async () => {
    await app.close();
  });

  it('refuses JSON nested deeper than 64 levels with 400, before validation recurses into it', async () => {
    for (const body of [`${'{"a":'.repeat(5000)}1${'}'.repeat(5000)}`, `${'['.repeat(65)}${']'.repeat(65)}`]) {
      const res = await request(app.baseUrl).post(`/v1/tenants/${admin.tenantId}/api-keys`).set('Authorization', admin.auth).set('Content-Type', 'application/json').send(body).expect(400);
      expect(res.body).toMatchObject({ statusCode: 400, message: 'The request body nests deeper than 64 levels', details: [{ field: 'body', reason: 'nested too deeply' }] });
    }
    const shallow = `{"role":"viewer","x":${'['.repeat(60)}${']'.repeat(60)}}`;
    const res = await request(app.baseUrl).post(`/v1/tenants/${admin.tenantId}/api-keys`).set('Authorization', admin.auth).set('Content-Type', 'application/json').send(shallow).expect(400);
    expect(res.body.details).toEqual([{ field: 'x', reason: 'is not a known field' }]);
  });

  it('answers a body that does not decompress with 400', async () => {
    const res = await request(app.baseUrl)
      .put(`/v1/tenants/${admin.tenantId}/quotas`)
      .set('Authorization', admin.auth)
      .set('Content-Type', 'application/json')
      .set('Content-Encoding', 'gzip')
      .send('{"clusters":1,"nodes":1,"nodesPerCluster":1}')
      .expect(400);
    expect(res.body).toMatchObject({ statusCode: 400, details: [{ field: 'body', reason: 'undecodable' }] });
  });
});
