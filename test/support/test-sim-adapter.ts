import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { BUILT_IN_ADAPTERS } from '../../src/providers/built-in';
import { SIM_DESCRIPTOR } from '../../src/providers/sim/sim.descriptor';
import { AuthFailedError, ProviderAdapter, ProviderConnection, UnsupportedOperationError } from '../../src/providers/spi';

const notInTest = async (): Promise<never> => {
  throw new UnsupportedOperationError('the test stand-in for the sim adapter only verifies credentials');
};

/**
 * Stands in for the sim adapter where it is not built in: same descriptor and schema, and a
 * verify that honours `rejectCredential`. Everything else is refused.
 */
const TEST_SIM_ADAPTER: ProviderAdapter = {
  descriptor: SIM_DESCRIPTOR,
  connect(parameters): ProviderConnection {
    return {
      async verify() {
        if (parameters.rejectCredential === true) throw new AuthFailedError('the simulated account is revoked', 'account disabled');
        return { ok: true, message: 'Simulator reachable' };
      },
      prerequisites: notInTest,
      describe: notInTest,
      apply: notInTest,
      teardown: notInTest,
      power: { stop: notInTest, start: notInTest },
    };
  },
};

/**
 * What a test app needs to have the `sim` provider: nothing once the real adapter exists (it is
 * then in the built-in list, possibly as a factory that cannot be inspected before boot).
 */
export function simAdaptersForTest(): ProviderAdapter[] {
  const realSim = existsSync(join(__dirname, '../../src/providers/sim/sim.provider.ts'));
  const listed = BUILT_IN_ADAPTERS.some((adapter) => typeof adapter !== 'function' && adapter.descriptor.kind === 'sim');
  return realSim || listed ? [] : [TEST_SIM_ADAPTER];
}
