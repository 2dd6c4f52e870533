import { describe, expect, it } from 'vitest';
import { ValidationFailed } from '../errors';
import { classifyAddress } from './address-class';
import { assertEgressAllowed, EgressPolicy, Resolver } from './egress-policy';

const OPEN: EgressPolicy = { allowPrivate: true, allowedCidrs: [] };
const STRICT: EgressPolicy = { allowPrivate: false, allowedCidrs: [] };
const field = 'parameters.endpoint';
const resolvesTo =
  (...addresses: string[]): Resolver =>
  async () =>
    addresses;

async function refusal(endpoint: string, policy: EgressPolicy, resolve?: Resolver): Promise<string> {
  try {
    await assertEgressAllowed(endpoint, policy, { field, resolve });
  } catch (error) {
    expect(error).toBeInstanceOf(ValidationFailed);
    const problem = (error as ValidationFailed).details[0]!;
    expect(problem.field).toBe(field);
    return problem.reason;
  }
  throw new Error(`${endpoint} was allowed`);
}

describe('classifyAddress', () => {
  it.each([
    ['169.254.169.254', 'cloud-metadata'],
    ['fd00:ec2::254', 'cloud-metadata'],
    ['::ffff:169.254.169.254', 'cloud-metadata'],
    ['169.254.1.1', 'link-local'],
    ['fe80::1', 'link-local'],
    ['0.0.0.0', 'unspecified'],
    ['::', 'unspecified'],
    ['224.0.0.1', 'multicast'],
    ['ff02::1', 'multicast'],
    ['255.255.255.255', 'broadcast'],
    ['127.0.0.1', 'loopback'],
    ['::1', 'loopback'],
    ['10.1.2.3', 'private'],
    ['192.168.0.10', 'private'],
    ['fd12:3456::1', 'private'],
    ['2002:a9fe:a9fe::1', 'tunnelled'],
    ['93.184.216.34', 'public'],
    ['2606:4700::1111', 'public'],
  ])('%s is %s', (address, kind) => {
    expect(classifyAddress(address)).toBe(kind);
  });
});

describe('assertEgressAllowed', () => {
  it('refuses link-local and metadata addresses whatever the private setting', async () => {
    expect(await refusal('http://169.254.169.254/latest/meta-data', OPEN)).toMatch(/cloud-metadata address/);
    expect(await refusal('tcp://[fe80::1]:2376', OPEN)).toMatch(/link-local address/);
    expect(await refusal('http://[::ffff:a9fe:a9fe]/', OPEN)).toMatch(/cloud-metadata/);
    expect(await refusal('https://0.0.0.0:5000/v3', OPEN)).toMatch(/unspecified/);
    expect(await refusal('tcp://224.0.0.1:2375', OPEN)).toMatch(/multicast/);
  });

  it('sees through numeric spellings of an address', async () => {
    expect(await refusal('http://2852039166/', OPEN)).toMatch(/169\.254\.169\.254 is a cloud-metadata address/);
    expect(await refusal('tcp://2852039166:2375', OPEN)).toMatch(/cloud-metadata/);
    expect(await refusal('tcp://0xa9.254.169.254:2375', OPEN)).toMatch(/cloud-metadata/);
    expect(await refusal('tcp://0x7f.1:2375', STRICT)).toMatch(/loopback/);
  });

  it('refuses metadata host names without resolving them', async () => {
    const never: Resolver = async () => {
      throw new Error('must not resolve');
    };
    expect(await refusal('http://metadata.google.internal/computeMetadata/v1', OPEN, never)).toMatch(/cloud metadata service/);
    expect(await refusal('http://METADATA.google.internal./', OPEN, never)).toMatch(/cloud metadata service/);
  });

  it('checks every address a name resolves to', async () => {
    const reason = await refusal('https://keystone.example.com:5000/v3', OPEN, resolvesTo('93.184.216.34', '169.254.169.254'));
    expect(reason).toContain('resolves to 169.254.169.254');
    const allowed = await assertEgressAllowed('https://keystone.example.com:5000/v3', OPEN, { field, resolve: resolvesTo('93.184.216.34') });
    expect(allowed.addresses).toEqual(['93.184.216.34']);
  });

  it('allows private and loopback endpoints only when the policy does', async () => {
    await expect(assertEgressAllowed('tcp://127.0.0.1:2375', OPEN, { field })).resolves.toMatchObject({ addresses: ['127.0.0.1'] });
    await expect(assertEgressAllowed('http://10.0.0.5:5000', OPEN, { field })).resolves.toBeDefined();
    expect(await refusal('tcp://127.0.0.1:2375', STRICT)).toMatch(/loopback address.*HERD_EGRESS_ALLOW_PRIVATE=false/);
    expect(await refusal('http://10.0.0.5:5000', STRICT)).toMatch(/private address/);
    expect(await refusal('http://localhost:5000', STRICT, resolvesTo('127.0.0.1', '::1'))).toMatch(/loopback/);
  });

  it('lets allowed CIDRs through, including otherwise refused classes', async () => {
    const policy: EgressPolicy = { allowPrivate: false, allowedCidrs: ['169.254.0.0/16', '10.20.0.0/16'] };
    await expect(assertEgressAllowed('http://169.254.10.10/', policy, { field })).resolves.toBeDefined();
    await expect(assertEgressAllowed('http://10.20.1.1/', policy, { field })).resolves.toBeDefined();
    expect(await refusal('http://10.21.1.1/', policy)).toMatch(/private/);
  });

  it('accepts unix sockets only where private endpoints are allowed', async () => {
    const check = { field, protocols: ['tcp:', 'unix:'] };
    await expect(assertEgressAllowed('unix:///run/docker.sock', OPEN, check)).resolves.toMatchObject({ addresses: [] });
    await expect(assertEgressAllowed('unix:///run/docker.sock', STRICT, check)).rejects.toThrow(/unix socket/);
  });

  it('names bad URLs, schemes and names that do not resolve', async () => {
    expect(await refusal('not a url', OPEN)).toBe('is not a valid URL');
    expect(await refusal('file:///etc/passwd', OPEN)).toBe('must use http, https, tcp (got file)');
    expect(await refusal('unix:///run/docker.sock', OPEN)).toMatch(/must use/);
    const nxdomain: Resolver = async () => {
      throw Object.assign(new Error('getaddrinfo ENOTFOUND'), { code: 'ENOTFOUND' });
    };
    expect(await refusal('https://nowhere.invalid/', OPEN, nxdomain)).toBe('host nowhere.invalid does not resolve');
  });

  it('resolves real names with the system resolver', async () => {
    await expect(assertEgressAllowed('http://localhost:8080/', OPEN, { field })).resolves.toBeDefined();
    await expect(assertEgressAllowed('http://localhost:8080/', STRICT, { field })).rejects.toThrow(ValidationFailed);
  });
});
