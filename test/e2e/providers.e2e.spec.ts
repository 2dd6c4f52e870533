import { join } from 'node:path';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHerdApp } from '../../src/bootstrap';
import { loadConfig } from '../../src/config/config';
import { ProviderRegistryError } from '../../src/providers/registry/provider-registry';
import { SIM_DESCRIPTOR } from '../../src/providers/sim/sim.descriptor';
import { startTestApp, TestApp, testDatabaseUrl, testRedisPrefix } from '../support/test-app';

const plugin = (name: string) => join(__dirname, '../fixtures/provider-plugins', name);

describe('GET /v1/providers', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp({ env: { HERD_PROVIDER_PLUGINS: `${plugin('echo-plugin.js')},./examples/provider-plugin` } });
  });
  afterAll(async () => {
    await app?.close();
  });

  it('lists every kind and variant with what a user needs to compare them', async () => {
    const viewer = await app.newTenant('viewer');
    const res = await request(app.baseUrl).get('/v1/providers').set('Authorization', viewer.auth).expect(200);
    const byKey = Object.fromEntries(res.body.items.map((item: { kind: string; variant: string }) => [`${item.kind}/${item.variant}`, item]));
    expect(Object.keys(byKey)).toEqual(expect.arrayContaining(['sim/default', 'echo/default', 'files/default']));
    expect(byKey['files/default'].source).toBe('plugin "./examples/provider-plugin"');
    expect(byKey['sim/default']).toMatchObject({
      displayName: SIM_DESCRIPTOR.displayName,
      description: SIM_DESCRIPTOR.description,
      capabilities: SIM_DESCRIPTOR.capabilities,
      credentialSchema: SIM_DESCRIPTOR.credentialSchema,
      secretFields: ['accessToken'],
      instanceTypes: SIM_DESCRIPTOR.instanceTypes,
    });
    expect(byKey['echo/default']).toMatchObject({ displayName: 'Echo', secretFields: ['auth.password'], source: `plugin "${plugin('echo-plugin.js')}"` });
  });

  it('is described in the OpenAPI document with the credentials routes', async () => {
    const docs = await request(app.baseUrl).get('/docs-json').expect(200);
    expect(Object.keys(docs.body.paths)).toEqual(expect.arrayContaining(['/v1/providers', '/v1/credentials', '/v1/credentials/{idOrName}', '/v1/credentials/{idOrName}/verify']));
  });

  it('needs an API key', async () => {
    await request(app.baseUrl).get('/v1/providers').expect(401);
  });

  it('accepts credentials for a plugin provider, validated against its schema', async () => {
    const tenant = await app.newTenant();
    const bad = await request(app.baseUrl).post('/v1/credentials').set('Authorization', tenant.auth).send({ name: 'e', provider: 'echo', parameters: {} }).expect(400);
    expect(bad.body.details).toEqual([{ field: 'parameters.greeting', reason: 'is required' }]);
    const created = await request(app.baseUrl)
      .post('/v1/credentials')
      .set('Authorization', tenant.auth)
      .send({ name: 'e', provider: 'echo', parameters: { greeting: 'hello', auth: { password: 'pw-not-shown' } } })
      .expect(201);
    expect(created.body.parameters).toEqual({ greeting: 'hello', auth: { password: '********' } });
    const verified = await request(app.baseUrl).post('/v1/credentials/e/verify').set('Authorization', tenant.auth).expect(200);
    expect(verified.body).toEqual({ ok: true, message: 'echo: hello' });
  });
});

describe('boot with a broken provider plugin', () => {
  it.each([
    ['one that fails to load', 'throwing-plugin.js', /provider plugin ".*throwing-plugin.js" failed to load: cannot initialise/],
    ['one that declares itself badly', 'bad-declaration-plugin.js', /descriptor.kind must be/],
  ])('stops with a clear message for %s', async (_, file, message) => {
    const config = loadConfig({ ...process.env, DATABASE_URL: testDatabaseUrl(), HERD_REDIS_PREFIX: testRedisPrefix(), HERD_ROLE: 'api', HERD_PROVIDER_PLUGINS: plugin(file), LOG_LEVEL: 'silent' });
    const boot = createHerdApp({ config, runMigrations: false });
    await expect(boot).rejects.toThrow(ProviderRegistryError);
    await expect(boot).rejects.toThrow(message);
  });
});
