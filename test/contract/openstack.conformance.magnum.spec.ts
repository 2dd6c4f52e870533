import { MagnumAdapter } from '../../src/providers/openstack/magnum/magnum.provider';
import { AuthFailedError, FatalProviderError } from '../../src/providers/spi';
import { defaultComponents, runProviderConformance } from '../../src/providers/spi/conformance';
import { ENGINE_START_TIMEOUT_MS, TEST_IMAGE, ensureDockerEngine } from '../support/docker-engine';
import { dockerEngineCa, rogueCa } from '../support/docker-tls';
import { startMagnumContractServer, type MagnumContractServer } from './magnum-contract-server';

/** The test engine's TLS listener (dockerd --tlsverify) is the COE the contract server's clusters point at. */
const ENGINE_API_ADDRESS = `tcp://127.0.0.1:${process.env.HERD_TEST_DOCKER_TLS_PORT ?? 23760}`;
const TEMPLATE = 'conformance-swarm';
const DOCKER = { image: TEST_IMAGE, instanceType: 'small' };
const MAGNUM = { clusterTemplate: TEMPLATE, pullPolicy: 'never' };

/** A contract server with the operator's Swarm template, as a Magnum endpoint of its own. */
async function magnumWithTemplate(signer?: ReturnType<typeof rogueCa>): Promise<{ server: MagnumContractServer; parameters: Record<string, unknown> }> {
  const server = await startMagnumContractServer({ settleAfter: 2, deleteConflicts: 1, coe: { apiAddress: ENGINE_API_ADDRESS, ca: dockerEngineCa(), signer } });
  const parameters = { authUrl: `${server.url}/v3`, username: 'conformance', password: 'p', projectName: 'contract' };
  await new MagnumAdapter().connect(parameters).magnum.createTemplate({ name: TEMPLATE, coe: 'swarm', image_id: 'fedora-atomic', flavor_id: 'm1.small', network_driver: 'docker' });
  return { server, parameters };
}

let rogue: { server: MagnumContractServer; parameters: Record<string, unknown> } | undefined;

runProviderConformance(
  async () => {
    await ensureDockerEngine();
    const working = await magnumWithTemplate();
    rogue = await magnumWithTemplate(rogueCa());
    return {
      adapter: new MagnumAdapter({ pollIntervalMs: 20 }),
      parameters: working.parameters,
      cleanup: async () => {
        await working.server.close();
        await rogue?.server.close();
      },
    };
  },
  {
    name: 'openstack/magnum (coe swarm; Magnum api-ref contract server, the real Docker engine as the COE)',
    instanceType: 'm1.small',
    hostGroups: [
      { name: 'master', nodeCount: 1, components: defaultComponents(['NAMENODE', 'RESOURCEMANAGER'], TEST_IMAGE), options: { ...MAGNUM, docker: DOCKER } },
      { name: 'worker', nodeCount: 2, components: defaultComponents(['DATANODE', 'NODEMANAGER'], TEST_IMAGE), options: { docker: DOCKER } },
    ],
    pollIntervalMs: 250,
    statusTimeoutMs: 60_000,
    testTimeoutMs: ENGINE_START_TIMEOUT_MS,
    skip: {
      // instanceType is the Nova flavor of the COE's VMs; with an existing cluster template the pre-flight asks
      // only Magnum, and the contract server has no Nova to refuse a flavor.
      unknownInstanceType: true,
      // Two applies racing before either Magnum cluster exists both create one (Magnum does not make names
      // unique); herd runs one operation per cluster at a time, so only a worker takeover could race this way.
      concurrentApply: true,
    },
    faults: [
      {
        name: 'an image missing from the COE (pull policy never)',
        hostGroups: [{ name: 'master', nodeCount: 1, components: defaultComponents(['NAMENODE'], 'herd/absent:1'), options: { ...MAGNUM, docker: { instanceType: 'small' } } }],
        expect: FatalProviderError,
      },
      { name: 'a client certificate Magnum signed with another CA', parameters: () => rogue!.parameters, expect: AuthFailedError },
    ],
  },
);
