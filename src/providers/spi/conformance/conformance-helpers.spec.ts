import { describe, expect, it } from 'vitest';
import type { ClusterSpec } from '../cluster-spec';
import { QuotaExceededError } from '../errors';
import type { ObservedNode } from '../observed';
import type { ProviderConnection } from '../provider';
import { allNodeSpecs, conformanceCluster } from './cluster';
import { defaultComponents } from './components';
import { guardedConnection, UnclassifiedProviderError } from './guarded-connection';
import { waitForNodes } from './polling';

function connection(overrides: Partial<ProviderConnection>): ProviderConnection {
  return {
    verify: async () => ({ ok: true, message: 'fine' }),
    prerequisites: async () => [],
    describe: async () => [],
    apply: async () => undefined,
    teardown: async () => undefined,
    ...overrides,
  };
}

const cluster = { tag: 'abcdef0123' } as ClusterSpec;
const node = (status: ObservedNode['status']): ObservedNode => ({ name: 'n', hostGroup: 'g', index: 0, providerId: 'p', status, addresses: {}, components: [] });

describe('conformance kit helpers', () => {
  it('lets SPI errors through and turns any other error into a clear test failure', async () => {
    const quota = new QuotaExceededError('full');
    await expect(guardedConnection(connection({ describe: async () => Promise.reject(quota) })).describe(cluster)).rejects.toBe(quota);
    const raw = guardedConnection(connection({ apply: async () => Promise.reject(new TypeError('cannot read id of undefined')) }));
    const error = await raw.apply(cluster, { launch: [], terminate: [] }, { resourceCreated: async () => undefined }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(UnclassifiedProviderError);
    expect((error as Error).message).toBe("apply threw TypeError: cannot read id of undefined; adapters must throw the SPI's ProviderError classes only");
  });

  it('keeps the power facet exactly when the adapter has one', () => {
    expect(guardedConnection(connection({})).power).toBeUndefined();
    expect(guardedConnection(connection({ power: { stop: async () => undefined, start: async () => undefined } })).power).toBeDefined();
  });

  it('polls describe until the condition holds, and times out saying what it saw', async () => {
    let calls = 0;
    const stepping = connection({ describe: async () => [node(++calls < 3 ? 'PENDING' : 'RUNNING')] });
    const nodes = await waitForNodes(stepping, cluster, 'RUNNING', (seen) => seen[0]?.status === 'RUNNING', { pollIntervalMs: 1, statusTimeoutMs: 1000 });
    expect(nodes[0].status).toBe('RUNNING');
    expect(calls).toBe(3);
    const stuck = connection({ describe: async () => [node('STARTING'), node('ERROR')] });
    await expect(waitForNodes(stuck, cluster, '2 RUNNING nodes', () => false, { pollIntervalMs: 1, statusTimeoutMs: 20 })).rejects.toThrow(
      /timed out after 20 ms waiting for 2 RUNNING nodes; describe shows 2 nodes \(1 STARTING, 1 ERROR\)/,
    );
  });

  it('builds clusters with their own tag and deterministic node names', () => {
    const options = {
      stack: { name: 'HDP', version: '3.1' },
      hostGroups: [{ name: 'worker', nodeCount: 2, components: defaultComponents(['DATANODE']) }],
      pollIntervalMs: 1,
      statusTimeoutMs: 1,
      testTimeoutMs: 1,
      tenantId: 't',
      faults: [],
      skip: { unknownInstanceType: false, concurrentApply: false },
    };
    const a = conformanceCluster(options, 'small');
    const b = conformanceCluster(options, 'small');
    expect(a.tag).not.toBe(b.tag);
    expect(allNodeSpecs(a)).toEqual([
      { name: `herd-${a.tag.slice(0, 8)}-worker-0`, hostGroup: 'worker', index: 0 },
      { name: `herd-${a.tag.slice(0, 8)}-worker-1`, hostGroup: 'worker', index: 1 },
    ]);
    expect(a.hostGroups[0]).toMatchObject({ instanceType: 'small', options: {} });
    expect(() => defaultComponents(['FLUX_CAPACITOR'])).toThrow(/knows .*NAMENODE/);
  });
});
