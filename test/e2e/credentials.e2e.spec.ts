import { randomBytes } from 'node:crypto';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HERD_CONFIG, HerdConfig } from '../../src/config/config';
import { CredentialUsage } from '../../src/modules/credentials/credential-usage';
import { CredentialsService } from '../../src/modules/credentials/credentials.service';
import { startTestApp, TestApp, TestTenant } from '../support/test-app';

/** Every secret this file sends; none may appear in a response, a row or a log line. */
const SECRETS: string[] = [];
function newSecret(): string {
  const secret = `sim-token-${randomBytes(12).toString('hex')}`;
  SECRETS.push(secret);
  return secret;
}

describe('credentials API', () => {
  let app: TestApp;
  let tenant: TestTenant;
  const http = () => request(app.baseUrl);
  const countRows = async () => Number((await app.db.query(`SELECT count(*) AS n FROM credentials`))[0].n);
  const create = (auth: string, body: object) => http().post('/v1/credentials').set('Authorization', auth).send(body);

  beforeAll(async () => {
    app = await startTestApp({ env: { LOG_LEVEL: 'trace' } });
    tenant = await app.newTenant('member');
  });
  afterAll(async () => {
    await app?.close();
  });

  it('creates a sim credential and answers with the secret masked', async () => {
    const token = newSecret();
    const res = await create(tenant.auth, { name: 'sim-fast', provider: 'sim', parameters: { latencyMs: 5, accessToken: token } }).expect(201);
    expect(res.body).toMatchObject({ name: 'sim-fast', provider: 'sim', variant: 'default', parameters: { latencyMs: 5, accessToken: '********' }, secretFields: ['accessToken'] });
    expect(res.body.id).toMatch(/^[0-9a-f-]{36}$/);
    expect(res.text).not.toContain(token);
  });

  it('gets a credential by id and by name, and lists them page by page', async () => {
    const owner = await app.newTenant();
    const ids: string[] = [];
    for (const name of ['a', 'b', 'c']) ids.push((await create(owner.auth, { name, provider: 'sim', variant: 'default', parameters: { accessToken: newSecret() } }).expect(201)).body.id);
    const byId = await http().get(`/v1/credentials/${ids[1]}`).set('Authorization', owner.auth).expect(200);
    const byName = await http().get('/v1/credentials/b').set('Authorization', owner.auth).expect(200);
    expect(byName.body).toEqual(byId.body);
    expect(byId.body.parameters).toEqual({ accessToken: '********' });
    const first = await http().get('/v1/credentials?limit=2').set('Authorization', owner.auth).expect(200);
    expect(first.body).toMatchObject({ total: 3, limit: 2, offset: 0 });
    expect(first.body.items.map((item: { name: string }) => item.name)).toEqual(['a', 'b']);
    const second = await http().get('/v1/credentials?limit=2&offset=2').set('Authorization', owner.auth).expect(200);
    expect(second.body.items.map((item: { name: string }) => item.name)).toEqual(['c']);
    await http().get('/v1/credentials?limit=0').set('Authorization', owner.auth).expect(400);
  });

  it('refuses a second credential with the same name in a tenant, but not in another', async () => {
    const owner = await app.newTenant();
    await create(owner.auth, { name: 'shared', provider: 'sim', parameters: {} }).expect(201);
    const duplicate = await create(owner.auth, { name: 'shared', provider: 'sim', parameters: {} }).expect(409);
    expect(duplicate.body.details).toEqual([{ field: 'name', reason: 'is already used by another credential' }]);
    const other = await app.newTenant();
    await create(other.auth, { name: 'shared', provider: 'sim', parameters: {} }).expect(201);
  });

  describe('bad input: 400 naming the field, database unchanged', () => {
    const corpus: [string, object, string][] = [
      ['no name', { provider: 'sim', parameters: {} }, 'name'],
      ['a name that looks like an id', { name: '3f2c6d0e-1b5a-4c1e-9d7e-2a6b8c9d0e1f', provider: 'sim', parameters: {} }, 'name'],
      ['a name with spaces', { name: 'my credential', provider: 'sim', parameters: {} }, 'name'],
      ['a name too long', { name: 'x'.repeat(64), provider: 'sim', parameters: {} }, 'name'],
      ['a numeric name', { name: 42, provider: 'sim', parameters: {} }, 'name'],
      ['no provider', { name: 'n', parameters: {} }, 'provider'],
      ['an unknown provider', { name: 'n', provider: 'vmware', parameters: {} }, 'provider'],
      ['an unknown variant', { name: 'n', provider: 'sim', variant: 'turbo', parameters: {} }, 'variant'],
      ['no parameters', { name: 'n', provider: 'sim' }, 'parameters'],
      ['parameters as a list', { name: 'n', provider: 'sim', parameters: [1, 2] }, 'parameters'],
      ['parameters as text', { name: 'n', provider: 'sim', parameters: 'latencyMs=5' }, 'parameters'],
      ['a wrongly typed parameter', { name: 'n', provider: 'sim', parameters: { latencyMs: 'fast' } }, 'parameters.latencyMs'],
      ['a parameter out of range', { name: 'n', provider: 'sim', parameters: { latencyMs: -1 } }, 'parameters.latencyMs'],
      ['a nested parameter out of range', { name: 'n', provider: 'sim', parameters: { transientFailureRate: { launch: 1.5 } } }, 'parameters.transientFailureRate.launch'],
      ['a wrongly typed list item', { name: 'n', provider: 'sim', parameters: { unhealthyHostGroups: ['ok', 3] } }, 'parameters.unhealthyHostGroups[1]'],
      ['an unknown parameter', { name: 'n', provider: 'sim', parameters: { colour: 'red' } }, 'parameters.colour'],
      ['a secret of the wrong type', { name: 'n', provider: 'sim', parameters: { accessToken: 12345 } }, 'parameters.accessToken'],
      ['a NUL character in a parameter', { name: 'n', provider: 'sim', parameters: { unhealthyHostGroups: ['a\u0000b'] } }, 'parameters.unhealthyHostGroups[0]'],
      ['a NUL character in a field name', { name: 'n', provider: 'sim', parameters: { 'a\u0000': 1 } }, 'parameters'],
      ['an unknown top-level field', { name: 'n', provider: 'sim', parameters: {}, owner: 'me' }, 'owner'],
    ];
    it.each(corpus)('%s', async (_, body, field) => {
      const before = await countRows();
      const res = await create(tenant.auth, body).expect(400);
      expect(res.body.details.map((detail: { field: string }) => detail.field)).toContain(field);
      expect(res.body.statusCode).toBe(400);
      expect(await countRows()).toBe(before);
    });

    it('does not echo a secret sent in a wrong place', async () => {
      const token = newSecret();
      const res = await create(tenant.auth, { name: 'n', provider: 'sim', parameters: { accessToken: token, latencyMs: token } }).expect(400);
      expect(res.text).not.toContain(token);
    });

    it('answers malformed JSON with 400 and writes nothing', async () => {
      const before = await countRows();
      await http().post('/v1/credentials').set('Authorization', tenant.auth).set('Content-Type', 'application/json').send('{"name": "x", "parameters": {').expect(400);
      expect(await countRows()).toBe(before);
    });
  });

  describe('access', () => {
    let id: string;
    beforeAll(async () => {
      id = (await create(tenant.auth, { name: 'guarded', provider: 'sim', parameters: { accessToken: newSecret() } }).expect(201)).body.id;
    });

    it('answers 401 on every route without a key', async () => {
      await http().post('/v1/credentials').send({ name: 'x', provider: 'sim', parameters: {} }).expect(401);
      await http().get('/v1/credentials').expect(401);
      await http().get(`/v1/credentials/${id}`).expect(401);
      await http().patch(`/v1/credentials/${id}`).send({ parameters: {} }).expect(401);
      await http().delete(`/v1/credentials/${id}`).expect(401);
      await http().post(`/v1/credentials/${id}/verify`).expect(401);
    });

    it('lets a viewer read but not change or verify', async () => {
      const viewer = `Bearer ${await tenant.keyWithRole('viewer')}`;
      await http().get('/v1/credentials').set('Authorization', viewer).expect(200);
      await http().get(`/v1/credentials/${id}`).set('Authorization', viewer).expect(200);
      const before = await countRows();
      await create(viewer, { name: 'by-viewer', provider: 'sim', parameters: {} }).expect(403);
      await http().patch(`/v1/credentials/${id}`).set('Authorization', viewer).send({ parameters: {} }).expect(403);
      await http().delete(`/v1/credentials/${id}`).set('Authorization', viewer).expect(403);
      await http().post(`/v1/credentials/${id}/verify`).set('Authorization', viewer).expect(403);
      expect(await countRows()).toBe(before);
    });

    it("answers 404 for another tenant's credential, by id or name, and never lists it", async () => {
      const stranger = await app.newTenant('member');
      for (const ref of [id, 'guarded']) {
        const res = await http().get(`/v1/credentials/${ref}`).set('Authorization', stranger.auth).expect(404);
        expect(res.body.message).toBe(`credential "${ref}" does not exist`);
        await http().patch(`/v1/credentials/${ref}`).set('Authorization', stranger.auth).send({ parameters: {} }).expect(404);
        await http().delete(`/v1/credentials/${ref}`).set('Authorization', stranger.auth).expect(404);
        await http().post(`/v1/credentials/${ref}/verify`).set('Authorization', stranger.auth).expect(404);
      }
      await http().get('/v1/credentials/%00').set('Authorization', stranger.auth).expect(404);
      await http().get(`/v1/credentials/${'x'.repeat(2000)}`).set('Authorization', stranger.auth).expect(404);
      const list = await http().get('/v1/credentials').set('Authorization', stranger.auth).expect(200);
      expect(list.body).toMatchObject({ items: [], total: 0 });
      await http().get(`/v1/credentials/${id}`).set('Authorization', tenant.auth).expect(200);
    });
  });

  describe('verify', () => {
    it('reports a working credential in words', async () => {
      const { id } = (await create(tenant.auth, { name: 'works', provider: 'sim', parameters: { accessToken: newSecret() } }).expect(201)).body;
      const res = await http().post(`/v1/credentials/${id}/verify`).set('Authorization', tenant.auth).expect(200);
      expect(res.body.ok).toBe(true);
      expect(res.body.message.length).toBeGreaterThan(0);
    });

    it('reports a rejected credential as ok: false with the reason, not as an error', async () => {
      await create(tenant.auth, { name: 'revoked', provider: 'sim', parameters: { rejectCredential: true } }).expect(201);
      const res = await http().post('/v1/credentials/revoked/verify').set('Authorization', tenant.auth).expect(200);
      expect(res.body.ok).toBe(false);
      expect(res.body.message).toMatch(/reject/);
    });
  });

  describe('update and use', () => {
    it('replaces parameters, keeps a secret sent as the mask, and hands the decrypted secret to resolveForUse', async () => {
      const first = newSecret();
      const { id } = (await create(tenant.auth, { name: 'rotating', provider: 'sim', parameters: { latencyMs: 1, accessToken: first } }).expect(201)).body;
      const service = app.herd.context.get(CredentialsService);
      const scope = { tenantId: tenant.tenantId };
      expect(await service.resolveForUse(scope, id)).toEqual({ id, name: 'rotating', provider: 'sim', variant: 'default', parameters: { latencyMs: 1, accessToken: first } });

      const kept = await http().patch(`/v1/credentials/${id}`).set('Authorization', tenant.auth).send({ parameters: { latencyMs: 9, accessToken: '********' } }).expect(200);
      expect(kept.body.parameters).toEqual({ latencyMs: 9, accessToken: '********' });
      expect((await service.resolveForUse(scope, 'rotating')).parameters).toEqual({ latencyMs: 9, accessToken: first });

      const second = newSecret();
      await http().patch(`/v1/credentials/${id}`).set('Authorization', tenant.auth).send({ parameters: { accessToken: second } }).expect(200);
      expect((await service.resolveForUse(scope, id)).parameters).toEqual({ accessToken: second });

      await http().patch(`/v1/credentials/${id}`).set('Authorization', tenant.auth).send({ parameters: {} }).expect(200);
      const masked = await http().patch(`/v1/credentials/${id}`).set('Authorization', tenant.auth).send({ parameters: { accessToken: '********' } }).expect(400);
      expect(masked.body.details).toEqual([{ field: 'parameters.accessToken', reason: 'is the mask of a secret that is not set; send the secret itself' }]);
      const invalid = await http().patch(`/v1/credentials/${id}`).set('Authorization', tenant.auth).send({ parameters: { latencyMs: 'slow' } }).expect(400);
      expect(invalid.body.details).toEqual([{ field: 'parameters.latencyMs', reason: 'must be integer' }]);
      expect((await service.resolveForUse(scope, id)).parameters).toEqual({});
    });
  });

  describe('delete', () => {
    it('deletes a credential; afterwards it is gone', async () => {
      const { id } = (await create(tenant.auth, { name: 'short-lived', provider: 'sim', parameters: {} }).expect(201)).body;
      await http().delete(`/v1/credentials/${id}`).set('Authorization', tenant.auth).expect(204);
      await http().get(`/v1/credentials/${id}`).set('Authorization', tenant.auth).expect(404);
      await http().delete(`/v1/credentials/${id}`).set('Authorization', tenant.auth).expect(404);
    });

    it('refuses with 409 while something registered as a user still uses it', async () => {
      const { id } = (await create(tenant.auth, { name: 'in-use', provider: 'sim', parameters: {} }).expect(201)).body;
      app.herd.context.get(CredentialUsage).register(async (_scope, credentialId) => (credentialId === id ? ['cluster "analytics"'] : []));
      const res = await http().delete('/v1/credentials/in-use').set('Authorization', tenant.auth).expect(409);
      expect(res.body.message).toBe('Credential "in-use" is used by cluster "analytics"; delete it first');
      await http().get(`/v1/credentials/${id}`).set('Authorization', tenant.auth).expect(200);
    });
  });

  describe('secrets at rest and in logs', () => {
    it('stores no secret in clear in PostgreSQL', async () => {
      const rows: Record<string, unknown>[] = await app.db.query(`SELECT * FROM credentials`);
      expect(rows.length).toBeGreaterThan(5);
      const dump = rows
        .map((row) => Object.values(row).map((value) => (Buffer.isBuffer(value) ? [value.toString('utf8'), value.toString('hex'), value.toString('base64')].join(' ') : JSON.stringify(value))))
        .join('\n');
      expect(SECRETS.length).toBeGreaterThan(5);
      for (const secret of SECRETS) expect(dump).not.toContain(secret);
      // Other test files share the database (the rotation test seals under other keys): check this file's tenant.
      const sealed = rows.filter((row) => row.secret_envelope !== null && row.tenant_id === tenant.tenantId);
      expect(sealed.length).toBeGreaterThan(0);
      const { masterKey } = app.herd.context.get<symbol, HerdConfig>(HERD_CONFIG);
      for (const row of sealed) expect(row.secret_key_id).toBe(masterKey.id);
    });

    it('writes no secret to the logs, even at trace level', () => {
      const logs = app.logs();
      expect(logs).toMatch(/"url":"\/v1\/credentials\/[^"]+\/verify"/);
      for (const secret of SECRETS) expect(logs).not.toContain(secret);
    });
  });
});
