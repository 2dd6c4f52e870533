import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../config/config';
import type { ProviderDescriptor } from '../../providers/spi';
import { endpointsIn } from './credential-endpoints';
import { EgressPolicyService } from './egress-policy.service';
import { ProviderEgressCheck } from './provider-egress-check';

const dockerLike = {
  type: 'object',
  properties: {
    socketPath: { type: 'string', 'x-herd-endpoint': true },
    host: { type: 'string', 'x-herd-endpoint': true },
    port: { type: 'integer' },
    tls: { type: 'object', properties: { ca: { type: 'string' } } },
  },
  oneOf: [{ required: ['socketPath'] }, { required: ['host'] }],
};

const keystoneLike = {
  type: 'object',
  properties: {
    authUrl: { type: 'string', format: 'uri' },
    password: { type: 'string', 'x-secret': true },
    regions: { type: 'array', items: { type: 'object', properties: { endpoint: { type: 'string', format: 'uri' } } } },
  },
  anyOf: [{ properties: { proxy: { type: 'string', format: 'hostname' } } }],
};

const descriptor = (credentialSchema: Record<string, unknown>) => ({ kind: 'x', variant: 'default', credentialSchema }) as unknown as ProviderDescriptor;

describe('endpointsIn', () => {
  it('finds marked and formatted strings, nested, in arrays and combinators, as URLs', () => {
    expect(endpointsIn(dockerLike, { host: '10.0.0.5', port: 2376, tls: { ca: 'PEM' } })).toEqual([{ field: 'parameters.host', url: 'tcp://10.0.0.5' }]);
    expect(endpointsIn(dockerLike, { host: 'fe80::1' })).toEqual([{ field: 'parameters.host', url: 'tcp://[fe80::1]' }]);
    expect(endpointsIn(dockerLike, { socketPath: '/run/docker.sock' })).toEqual([{ field: 'parameters.socketPath', url: 'unix:///run/docker.sock' }]);
    expect(
      endpointsIn(keystoneLike, { authUrl: 'https://keystone:5000/v3', password: 'p', regions: [{ endpoint: 'http://a' }, { endpoint: 'http://b' }], proxy: 'proxy.local' }),
    ).toEqual([
      { field: 'parameters.authUrl', url: 'https://keystone:5000/v3' },
      { field: 'parameters.regions[0].endpoint', url: 'http://a' },
      { field: 'parameters.regions[1].endpoint', url: 'http://b' },
      { field: 'parameters.proxy', url: 'tcp://proxy.local' },
    ]);
  });

  it('ignores values of the wrong type and fields the schema does not describe', () => {
    expect(endpointsIn(keystoneLike, { authUrl: 42, other: 'http://169.254.169.254' })).toEqual([]);
  });
});

describe('ProviderEgressCheck', () => {
  const strict = new ProviderEgressCheck(new EgressPolicyService(loadConfig({ HERD_EGRESS_ALLOW_PRIVATE: 'false' })));
  const open = new ProviderEgressCheck(new EgressPolicyService(loadConfig({})));

  it('names each refused endpoint field', async () => {
    expect(await open.check(descriptor(keystoneLike), { authUrl: 'http://169.254.169.254/v3', regions: [{ endpoint: 'http://[fe80::1]/' }] })).toEqual([
      { field: 'parameters.authUrl', reason: expect.stringMatching(/cloud-metadata/) },
      { field: 'parameters.regions[0].endpoint', reason: expect.stringMatching(/link-local/) },
    ]);
    expect(await strict.check(descriptor(dockerLike), { socketPath: '/var/run/docker.sock' })).toEqual([
      { field: 'parameters.socketPath', reason: expect.stringMatching(/unix socket/) },
    ]);
  });

  it('lets allowed endpoints through', async () => {
    expect(await open.check(descriptor(dockerLike), { socketPath: '/var/run/docker.sock' })).toEqual([]);
    expect(await open.check(descriptor(dockerLike), { host: '127.0.0.1', port: 2375 })).toEqual([]);
    expect(await strict.check(descriptor(keystoneLike), { authUrl: 'https://93.184.216.34:5000/v3' })).toEqual([]);
  });

  it('words the refusal of an address a backend handed out, and refuses what no backend endpoint may be', async () => {
    expect(await open.refusal('http://169.254.169.254:8774/v2.1')).toBe('169.254.169.254 is a cloud-metadata address, which the egress policy refuses (allow it with HERD_EGRESS_ALLOWED_CIDRS)');
    expect(await strict.refusal('tcp://10.0.0.5:2376')).toBe('10.0.0.5 is a private address, which the egress policy refuses (HERD_EGRESS_ALLOW_PRIVATE=false)');
    expect(await open.refusal('unix:///var/run/docker.sock')).toMatch(/must use http, https, tcp/);
    expect(await open.refusal('tcp://127.0.0.1:2376')).toBeUndefined();
    expect(await strict.refusal('https://93.184.216.34:8774/v2.1')).toBeUndefined();
  });
});
