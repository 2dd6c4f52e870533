import { describe } from 'vitest';
import { AuthFailedError, FatalProviderError, type ProviderAdapter } from '../../src/providers/spi';
import { defaultComponents, runProviderConformance } from '../../src/providers/spi/conformance';
import { openstackTestEnv, skipMessage, type OpenStackTestEnv } from './openstack-env';

/** The SPI conformance kit for an OpenStack adapter on the loopback cloud (skipped when it is not up). */
export function openstackConformance(name: string, adapter: () => ProviderAdapter): void {
  const probe = openstackTestEnv();
  if (probe.reason) skipMessage(probe.reason);
  // Without the loopback OpenStack (`bash scripts/openstack.sh`; .ci/run starts it) the kit is skipped, and the reason printed above.
  describe.skipIf(!probe.env)(`on the loopback OpenStack`, () => conformanceOn(name, adapter, probe.env!));
}

function conformanceOn(name: string, adapter: () => ProviderAdapter, env: OpenStackTestEnv): void {
  const options = { image: 'tiny', networks: 'none' };
  runProviderConformance(async () => ({ adapter: adapter(), parameters: { ...env.user } }), {
    name,
    instanceType: 'm1.tiny',
    hostGroups: [
      { name: 'master', nodeCount: 1, components: defaultComponents(['NAMENODE', 'RESOURCEMANAGER']), options },
      { name: 'worker', nodeCount: 2, components: defaultComponents(['DATANODE', 'NODEMANAGER']), options },
    ],
    pollIntervalMs: 500,
    // Heat resolves two racing stack creates by deleting the younger one, which can take a while on a busy engine.
    statusTimeoutMs: 150_000,
    testTimeoutMs: 300_000,
    authFailure: (working) => ({ ...working, password: 'not-the-password' }),
    faults: [
      {
        name: 'a missing image',
        hostGroups: [{ name: 'worker', nodeCount: 1, components: defaultComponents(['DATANODE']), options: { ...options, image: 'no-such-image' } }],
        expect: FatalProviderError,
      },
      { name: 'an unknown project', parameters: (w) => ({ ...w, projectName: 'no-such-project' }), during: 'describe', expect: AuthFailedError },
    ],
  });
}
