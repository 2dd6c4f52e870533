import { randomBytes } from 'node:crypto';
import { createServer, request } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sleep } from '../../src/common/scheduling';
import { HeatAdapter, MagnumAdapter, NovaAdapter } from '../../src/providers/openstack';
import { KeystoneSession, type OpenStackCredentials } from '../../src/providers/openstack/keystone';
import type { NovaConnection } from '../../src/providers/openstack/nova/nova.connection';
import { ProviderRegistry } from '../../src/providers/registry/provider-registry';
import { AuthFailedError } from '../../src/providers/spi';
import { openstackTestEnv, skipMessage, type OpenStackTestEnv } from '../contract/openstack-env';
import { testCluster } from '../contract/openstack-fixtures';

const probe = openstackTestEnv();
if (probe.reason) skipMessage(probe.reason);

interface CountingKeystone {
  url: string;
  tokenRequests(): number;
  close(): Promise<void>;
}

/** Forwards everything to the real Keystone and counts the token requests (`POST …/auth/tokens`) on the way. */
async function startCountingKeystone(target: string): Promise<CountingKeystone> {
  const upstream = new URL(target);
  let tokenRequests = 0;
  const server = createServer((req, res) => {
    if (req.method === 'POST' && /\/auth\/tokens$/.test(req.url ?? '')) tokenRequests++;
    const forward = request({ host: upstream.hostname, port: upstream.port, path: req.url, method: req.method, headers: req.headers }, (answer) => {
      res.writeHead(answer.statusCode ?? 502, answer.headers);
      answer.pipe(res);
    });
    forward.on('error', () => res.writeHead(502).end());
    req.pipe(forward);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    tokenRequests: () => tokenRequests,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

/** The registry every operation and health probe goes through, with fresh adapters (and so empty caches). */
const openstackRegistry = () => ProviderRegistry.create([{ source: 'built-in', adapters: [new NovaAdapter(), new HeatAdapter(), new MagnumAdapter()] }]);

describe.skipIf(!probe.env)('Keystone sessions shared by the connects of one credential, against the real Keystone', () => {
  const env = probe.env as OpenStackTestEnv;
  const admin = new KeystoneSession({ ...env.admin });
  const username = `herd-session-${randomBytes(4).toString('hex')}`;
  let password = `first-${randomBytes(8).toString('hex')}`;
  let userId = '';
  let keystone: CountingKeystone;
  const credential = (secret = password): Record<string, unknown> => ({ ...env.user, authUrl: `${keystone.url}/v3`, username, password: secret }) satisfies OpenStackCredentials;

  beforeAll(async () => {
    keystone = await startCountingKeystone(env.user.authUrl);
    const project = ((await admin.request('identity', { path: `/projects?name=${env.user.projectName}` })).body as { projects: { id: string }[] }).projects[0];
    const created = await admin.request('identity', { method: 'POST', path: '/users', body: { user: { name: username, password, domain_id: 'default' } } });
    userId = (created.body as { user: { id: string } }).user.id;
    for (const name of ['member', 'reader', 'heat_stack_owner']) {
      const role = ((await admin.request('identity', { path: `/roles?name=${name}` })).body as { roles: { id: string }[] }).roles[0];
      await admin.request('identity', { method: 'PUT', path: `/projects/${project.id}/users/${userId}/roles/${role.id}` });
    }
  });
  afterAll(async () => {
    if (userId) await admin.request('identity', { method: 'DELETE', path: `/users/${userId}`, allow: [404] });
    await keystone?.close();
  });

  it.each(['nova', 'heat', 'magnum'])('openstack/%s: connects at once and one after another verify with one token', async (variant) => {
    const registry = openstackRegistry();
    const before = keystone.tokenRequests();
    const verdicts = await Promise.all(Array.from({ length: 5 }, async () => (await registry.connect('openstack', variant, credential())).verify()));
    expect(verdicts.every((verdict) => verdict.ok)).toBe(true);
    await (await registry.connect('openstack', variant, credential())).verify();
    expect(keystone.tokenRequests() - before).toBe(1);
  });

  it('a rotated password authenticates anew; the old one, its token revoked by the rotation, fails with AuthFailed after one more try', async () => {
    const registry = openstackRegistry();
    const old = password;
    await (await registry.connect('openstack', 'nova', credential(old))).verify();
    password = `second-${randomBytes(8).toString('hex')}`;
    await admin.request('identity', { method: 'PATCH', path: `/users/${userId}`, body: { user: { password } } });

    const before = keystone.tokenRequests();
    await (await registry.connect('openstack', 'nova', credential())).verify();
    await (await registry.connect('openstack', 'nova', credential())).verify();
    expect(keystone.tokenRequests() - before).toBe(1);

    const stale = (await registry.connect('openstack', 'nova', credential(old))) as NovaConnection;
    await expect(stale.session.request('identity', { path: '/auth/projects' })).rejects.toBeInstanceOf(AuthFailedError);
    expect(keystone.tokenRequests() - before).toBe(2);
  });

  it('a token revoked at Keystone is issued again once Nova answers 401, and later connects use the new one', async () => {
    // Keystone keeps revocations to the second: a token issued in the second of the password change above counts as revoked.
    await sleep(1_100);
    const registry = openstackRegistry();
    const revoked = await ((await registry.connect('openstack', 'nova', credential())) as NovaConnection).session.getToken();
    const revocation = await fetch(`${env.user.authUrl}/auth/tokens`, { method: 'DELETE', headers: { 'X-Auth-Token': revoked.value, 'X-Subject-Token': revoked.value } });
    expect(revocation.status).toBe(204);

    const before = keystone.tokenRequests();
    const next = (await registry.connect('openstack', 'nova', credential())) as NovaConnection;
    expect(await next.describe(testCluster([]))).toEqual([]);
    expect((await next.session.getToken()).value).not.toBe(revoked.value);
    expect(await (await registry.connect('openstack', 'nova', credential())).describe(testCluster([]))).toEqual([]);
    expect(keystone.tokenRequests() - before).toBe(1);
  });
});
