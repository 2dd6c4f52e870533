import { describe, expect, it } from 'vitest';
import type { ClusterSpec } from '../cluster-spec';
import { QuotaExceededError } from '../errors';
import type { ObservedNode } from '../observed';
import type { ProviderConnection } from '../provider';
import { allNodeSpecs, conformanceCluster } from './cluster';
import { defaultComponents } from './components';
import { applyUntil, tearDown, timed } from './driving';
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
const drive = { pollIntervalMs: 1, statusTimeoutMs: 1000, callTimeoutMs: 1000 };
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

  it('applies a plan again while a node of it is missing, but not while the backend reports its own operation', async () => {
    const calls: string[] = [];
    let pass = 0;
    const stepping = connection({
      apply: async () => {
        calls.push(`apply@${pass}`);
      },
      // pass 1: nothing yet, the backend busy; pass 2: nothing yet, idle; pass 3: the node runs
      describe: async () => (++pass < 3 ? [] : [node('RUNNING')]),
      operationInProgress: async () => (pass === 1 ? { status: 'stack s CREATE_IN_PROGRESS' } : undefined),
    });
    const plan = { launch: [{ name: 'n', hostGroup: 'g', index: 0 }], terminate: [] };
    const nodes = await applyUntil(stepping, cluster, plan, { resourceCreated: async () => undefined }, '1 RUNNING', (seen) => seen.length === 1, drive);
    expect(nodes).toHaveLength(1);
    expect(calls).toEqual(['apply@0', 'apply@2']);
  });

  it('tears down once, asks again only for a node that is not TERMINATING, and waits for describe to be empty', async () => {
    let teardowns = 0;
    const states: ObservedNode['status'][][] = [['TERMINATING'], ['ERROR'], ['TERMINATING'], []];
    const removing = connection({
      teardown: async () => {
        teardowns++;
      },
      describe: async () => (states.shift() ?? []).map(node),
    });
    await tearDown(removing, cluster, drive);
    expect(teardowns).toBe(2);
  });

  it('fails a provider call that waits instead of starting its work and returning', async () => {
    const slow = () => new Promise<void>((resolve) => setTimeout(resolve, 30));
    await expect(timed('teardown', { ...drive, callTimeoutMs: 5 }, slow)).rejects.toThrow(/^teardown took \d+ ms: a provider call starts its work and returns/);
  });

  it('builds clusters with their own tag and deterministic node names', () => {
    const options = {
      stack: { name: 'HDP', version: '3.1' },
      hostGroups: [{ name: 'worker', nodeCount: 2, components: defaultComponents(['DATANODE']) }],
      pollIntervalMs: 1,
      statusTimeoutMs: 1,
      testTimeoutMs: 1,
      callTimeoutMs: 1,
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
