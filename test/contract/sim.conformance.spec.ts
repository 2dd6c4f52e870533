import { afterAll, expect, it } from 'vitest';
import { QuotaExceededError, RetryableProviderError } from '../../src/providers/spi';
import { runProviderConformance } from '../../src/providers/spi/conformance';
import { startSimHarness } from '../support/sim-harness';

const harness = startSimHarness();

runProviderConformance(async () => ({ adapter: harness.adapter, parameters: { latencyMs: 20, latencyJitterMs: 10 } }), {
  name: 'sim',
  pollIntervalMs: 25,
  statusTimeoutMs: 10_000,
  authFailure: { rejectCredential: true },
  faults: [
    { name: 'a quota of one node', parameters: { nodeQuota: 1 }, expect: QuotaExceededError },
    { name: 'every launch failing transiently', parameters: { transientFailureRate: { launch: 1 } }, expect: RetryableProviderError },
    { name: 'every describe failing transiently', parameters: { transientFailureRate: { describe: 1 } }, during: 'describe', expect: RetryableProviderError },
  ],
});

it('leaves no sim state in Redis once every cluster is torn down', async () => {
  expect(await harness.keys()).toEqual([]);
});

afterAll(async () => {
  await harness.close();
});
