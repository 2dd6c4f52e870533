import Ajv2020 from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { KeystoneSession, OPENSTACK_CREDENTIAL_SCHEMA } from '../../src/providers/openstack/keystone';
import { NovaAdapter } from '../../src/providers/openstack/nova/nova.provider';
import { AuthFailedError } from '../../src/providers/spi';
import { openstackTestEnv, skipMessage, type OpenStackTestEnv } from './openstack-env';

const probe = openstackTestEnv();
if (probe.reason) skipMessage(probe.reason);

describe.skipIf(!probe.env)('Keystone client against the real Keystone', () => {
  const env = probe.env as OpenStackTestEnv;
  const made: { userId: string; id: string }[] = [];
  let user: KeystoneSession;
  beforeAll(() => {
    user = new KeystoneSession({ ...env.user });
  });
  afterAll(async () => {
    if (!user) return;
    for (const a of made) await user.request('identity', { method: 'DELETE', path: `/users/${a.userId}/application_credentials/${a.id}`, allow: [404] });
  });

  it('the loopback credentials satisfy the credential schema', () => {
    const ajv = new Ajv2020({ strict: false });
    addFormats(ajv);
    const validate = ajv.compile(OPENSTACK_CREDENTIAL_SCHEMA);
    expect(validate(env.user), JSON.stringify(validate.errors)).toBe(true);
    expect(validate({ authUrl: env.user.authUrl, username: 'x' })).toBe(false);
    expect(validate({ authUrl: env.user.authUrl, authType: 'v3applicationcredential', applicationCredentialId: 'a', applicationCredentialSecret: 's' })).toBe(true);
  });

  it('authenticates with an application credential (no explicit scope) and uses the catalog', async () => {
    const token = await user.getToken();
    const res = await user.request('identity', {
      method: 'POST',
      path: `/users/${token.userId}/application_credentials`,
      body: { application_credential: { name: `herd-test-${Date.now()}` } },
    });
    const ac = (res.body as { application_credential: { id: string; secret: string } }).application_credential;
    made.push({ userId: token.userId!, id: ac.id });
    const params = { authUrl: env.user.authUrl, authType: 'v3applicationcredential', applicationCredentialId: ac.id, applicationCredentialSecret: ac.secret };
    const conn = new NovaAdapter().connect(params);
    const verdict = await conn.verify();
    expect(verdict.message).toMatch(/project herd-test/);
    expect(await conn.describe({ clusterId: 'x', tenantId: 'y', name: 'n', tag: 'nothing-here', stack: { name: 's', version: '1' }, hostGroups: [] })).toEqual([]);
    const wrong = new NovaAdapter().connect({ ...params, applicationCredentialSecret: 'wrong' });
    await expect(wrong.verify()).rejects.toBeInstanceOf(AuthFailedError);
  });

  it('scopes by project id and reuses the token across calls', async () => {
    const token = await user.getToken();
    const byId = new KeystoneSession({ authUrl: env.user.authUrl, username: env.user.username, password: env.user.password, userDomainName: 'Default', projectId: token.projectId });
    const t1 = await byId.getToken();
    expect(t1.projectId).toBe(token.projectId);
    await byId.endpoint('compute');
    expect((await byId.getToken()).value).toBe(t1.value);
  });
});
