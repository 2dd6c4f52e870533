import { describe, it } from 'vitest';
import { HeatAdapter } from '../../src/providers/openstack/heat/heat.adapter';
import { AuthFailedError, FatalProviderError } from '../../src/providers/spi';
import { defaultComponents, runProviderConformance } from '../../src/providers/spi/conformance';
import { openstackTestEnv, skipMessage } from './openstack-env';

const probe = openstackTestEnv();
const options = { image: 'tiny', networks: 'none' };

if (!probe.env) {
  skipMessage(probe.reason!);
  describe.skip(`provider conformance: openstack/heat (${probe.reason})`, () => it('needs the loopback OpenStack'));
} else {
  const env = probe.env;
  runProviderConformance(async () => ({ adapter: new HeatAdapter({ pollIntervalMs: 500 }), parameters: { ...env.user } }), {
    name: 'openstack/heat',
    instanceType: 'm1.tiny',
    hostGroups: [
      { name: 'master', nodeCount: 1, components: defaultComponents(['NAMENODE', 'RESOURCEMANAGER']), options },
      { name: 'worker', nodeCount: 2, components: defaultComponents(['DATANODE', 'NODEMANAGER']), options },
    ],
    pollIntervalMs: 500,
    statusTimeoutMs: 60_000,
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
