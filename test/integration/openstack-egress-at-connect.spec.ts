import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EgressPolicyService } from '../../src/common/egress';
import { ProviderEgressCheck } from '../../src/common/egress/provider-egress-check';
import { loadConfig } from '../../src/config/config';
import { CredentialVerifier } from '../../src/modules/credentials/credential-verifier';
import { MagnumAdapter } from '../../src/providers/openstack/magnum/magnum.provider';
import { NovaAdapter } from '../../src/providers/openstack/nova/nova.provider';
import { ProviderRegistry } from '../../src/providers/registry';
import { FatalProviderError } from '../../src/providers/spi';
import { testCluster } from '../contract/openstack-fixtures';
import { startMagnumContractServer, type MagnumContractServer } from '../contract/magnum-contract-server';
import { diffCluster } from '../../src/modules/operations/reconciler/cluster-diff';
import { recordingHooks } from '../contract/openstack-fixtures';
import { keystoneStandIn, type KeystoneStandIn } from '../support/keystone-stand-in';

const registryUnder = (env: Record<string, string>, adapters: unknown[]) => ProviderRegistry.create([{ source: 'built-in', adapters }], new ProviderEgressCheck(new EgressPolicyService(loadConfig(env))));

describe('the egress policy on the addresses OpenStack hands out', () => {
  let keystone: KeystoneStandIn;
  const credential = () => ({ id: 'c1', name: 'os', provider: 'openstack', variant: 'nova', parameters: { authUrl: `${keystone.url}/v3`, username: 'u', password: 'p', projectName: 'demo', userDomainName: 'Default' } });

  beforeAll(async () => {
    keystone = await keystoneStandIn();
  });
  afterAll(() => keystone?.close());

  it('refuses a catalog endpoint on the metadata address before calling it, naming the service, the address and the setting', async () => {
    keystone.computeAt = 'http://169.254.169.254:8774/v2.1';
    const verifier = new CredentialVerifier(registryUnder({}, [new NovaAdapter()]));
    const result = await verifier.verify(credential());
    expect(result).toEqual({
      ok: false,
      message:
        "herd may not connect there: herd's egress policy refuses the compute endpoint of Keystone's service catalog http://169.254.169.254:8774/v2.1: 169.254.169.254 is a cloud-metadata address, which the egress policy refuses (allow it with HERD_EGRESS_ALLOWED_CIDRS)",
    });
  });

  it('refuses a private catalog endpoint under HERD_EGRESS_ALLOW_PRIVATE=false and lets an allowed one through', async () => {
    const strict = { HERD_EGRESS_ALLOW_PRIVATE: 'false', HERD_EGRESS_ALLOWED_CIDRS: '127.0.0.1/32' };
    keystone.computeAt = `${keystone.url.replace('127.0.0.1', '127.0.0.2')}/v2.1`;
    const error = await registryUnder(strict, [new NovaAdapter()])
      .connect('openstack', 'nova', credential().parameters)
      .then((connection) => connection.verify())
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(FatalProviderError);
    expect((error as FatalProviderError).retryable).toBe(false);
    expect((error as Error).message).toMatch(/refuses the compute endpoint of Keystone's service catalog http:\/\/127\.0\.0\.2:\d+\/v2\.1: 127\.0\.0\.2 is a loopback address, .*\(HERD_EGRESS_ALLOW_PRIVATE=false\)$/);
    expect(keystone.computeCalls).toBe(0);

    keystone.computeAt = `${keystone.url}/v2.1`;
    const allowed = await (await registryUnder(strict, [new NovaAdapter()]).connect('openstack', 'nova', credential().parameters)).verify();
    expect(allowed).toMatchObject({ ok: true, message: expect.stringMatching(/compute 2\.79/) });
    expect(keystone.computeCalls).toBeGreaterThan(0);
  });

  describe("a Magnum cluster's api_address", () => {
    let magnum: MagnumContractServer;
    beforeAll(async () => {
      const noCertificates = {
        caPem: '',
        sign: () => {
          throw new Error('herd asked for a certificate for a refused COE');
        },
      };
      magnum = await startMagnumContractServer({ settleAfter: 1, deleteConflicts: 0, coe: { apiAddress: 'tcp://169.254.169.254:2376', ca: noCertificates } });
    });
    afterAll(() => magnum?.close());

    it('is refused before herd asks for a certificate or connects, and the operation fails with the reason', async () => {
      const connection = await registryUnder({}, [new MagnumAdapter({ pollIntervalMs: 10 })]).connect('openstack', 'magnum', { authUrl: `${magnum.url}/v3`, username: 'u', password: 'p', projectName: 'contract' });
      const cluster = testCluster([{ name: 'worker', nodeCount: 1, options: { coe: 'swarm', image: 'fedora-atomic', externalNetwork: 'public', networkDriver: 'docker', docker: { image: 'herd-test', instanceType: 'small' } } }]);
      cluster.hostGroups[0].instanceType = 'm1.small';
      await connection.apply(cluster, diffCluster(cluster, [], 'running'), recordingHooks());
      let error: unknown;
      for (let i = 0; i < 20 && !error; i++) error = await connection.describe(cluster).then(() => undefined, (e: unknown) => e);
      expect(error).toBeInstanceOf(FatalProviderError);
      expect((error as Error).message).toMatch(/^herd's egress policy refuses the api_address of Magnum cluster \S+ tcp:\/\/169\.254\.169\.254:2376: 169\.254\.169\.254 is a cloud-metadata address, .*HERD_EGRESS_ALLOWED_CIDRS/);
      expect(magnum.requests.filter((r) => r.path.startsWith('/v1/certificates'))).toEqual([]);
      await connection.teardown(cluster);
      await connection.close?.();
    });
  });
});
