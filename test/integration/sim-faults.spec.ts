import { afterAll, describe, expect, it } from 'vitest';
import { isRetryable, ProviderError, QuotaExceededError, RetryableProviderError } from '../../src/providers/spi';
import { startSimHarness } from '../support/sim-harness';
import { recordingHooks, seededRandom, simCluster, wantedNodes } from '../support/sim-cluster';

const harness = startSimHarness({ random: seededRandom(42) });

afterAll(async () => {
  await harness.close();
});

describe('sim fault injection (real Redis)', () => {
  it('fails about 30% of calls with retryable errors, and repeated applies still make each node exactly once', async () => {
    const connection = harness.adapter.connect({ transientFailureRate: { describe: 0.3, launch: 0.3 } });
    const cluster = simCluster(19);
    let calls = 0;
    let failures = 0;
    const hooks = recordingHooks();
    const wanted = wantedNodes(cluster);
    for (let attempt = 0; attempt < 200; attempt++) {
      calls++;
      try {
        await connection.apply(cluster, { launch: wanted, terminate: [] }, hooks);
      } catch (error) {
        expect(error).toBeInstanceOf(RetryableProviderError);
        expect(isRetryable(error)).toBe(true);
        failures++;
      }
      calls++;
      try {
        await connection.describe(cluster);
      } catch (error) {
        expect(error).toBeInstanceOf(RetryableProviderError);
        failures++;
      }
    }
    expect(failures / calls).toBeGreaterThan(0.2);
    expect(failures / calls).toBeLessThan(0.4);
    const nodes = await harness.adapter.connect({}).describe(cluster);
    expect(nodes.map((node) => node.name).sort()).toEqual(wanted.map((node) => node.name).sort());
    expect(new Set(nodes.map((node) => node.providerId)).size).toBe(20);
    for (const node of nodes) expect(hooks.ids.get(node.name)).toBe(node.providerId);
    await connection.teardown(cluster);
  });

  it('stops launching at the quota with QuotaExceededError, counting every cluster of the account, and frees it on teardown', async () => {
    const tenantId = '11111111-1111-4111-8111-111111111111';
    const connection = harness.adapter.connect({ nodeQuota: 5 });
    const first = simCluster(1, tenantId);
    await connection.apply(first, { launch: wantedNodes(first), terminate: [] }, recordingHooks());

    const second = simCluster(4, tenantId);
    expect(await connection.prerequisites(second)).toEqual([{ field: 'hostGroups', reason: expect.stringContaining('quota of 5') }]);
    const hooks = recordingHooks();
    const error = await connection.apply(second, { launch: wantedNodes(second), terminate: [] }, hooks).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(QuotaExceededError);
    expect((error as ProviderError).retryable).toBe(false);
    expect(await connection.describe(second)).toHaveLength(3);
    expect(hooks.ids.size).toBe(3);

    const otherTenant = simCluster(3);
    await connection.apply(otherTenant, { launch: wantedNodes(otherTenant), terminate: [] }, recordingHooks());
    expect(await connection.describe(otherTenant)).toHaveLength(4);

    await connection.teardown(first);
    await connection.apply(second, { launch: wantedNodes(second), terminate: [] }, recordingHooks());
    expect(await connection.describe(second)).toHaveLength(5);
    await Promise.all([connection.teardown(second), connection.teardown(otherTenant)]);
    expect(await harness.keys()).toEqual([]);
  });

  it('runs the nodes of an unhealthy host group without their components ever answering', async () => {
    const connection = harness.adapter.connect({ unhealthyHostGroups: ['worker'] });
    const cluster = simCluster(2);
    await connection.apply(cluster, { launch: wantedNodes(cluster), terminate: [] }, recordingHooks());
    const nodes = await connection.describe(cluster);
    expect(nodes.every((node) => node.status === 'RUNNING')).toBe(true);
    const workers = nodes.filter((node) => node.hostGroup === 'worker');
    for (const worker of workers) expect(worker.components.every((component) => component.status === 'failed')).toBe(true);
    const master = nodes.find((node) => node.hostGroup === 'master');
    expect(master?.components.every((component) => component.status === 'running')).toBe(true);

    const dataNode = workers[0].components.find((component) => component.name === 'DATANODE');
    expect((await fetch(`${dataNode?.endpoint}/jmx`)).status).toBe(503);
    const nameNode = master?.components.find((component) => component.name === 'NAMENODE');
    const jmx = (await (await fetch(`${nameNode?.endpoint}/jmx?qry=Hadoop:service=NameNode,name=FSNamesystemState`)).json()) as { beans: Record<string, unknown>[] };
    expect(jmx.beans[0].NumLiveDataNodes).toBe(0);
    const resourceManager = master?.components.find((component) => component.name === 'RESOURCEMANAGER');
    const metrics = (await (await fetch(`${resourceManager?.endpoint}/ws/v1/cluster/metrics`)).json()) as { clusterMetrics: Record<string, number> };
    expect(metrics.clusterMetrics).toMatchObject({ activeNodes: 0, unhealthyNodes: 2 });
    await connection.teardown(cluster);
  });

  it('refuses an unknown instance type in pre-flight and with a fatal error at launch, making nothing', async () => {
    const connection = harness.adapter.connect({});
    const cluster = simCluster(1);
    cluster.hostGroups[1].instanceType = 'galactic';
    expect(await connection.prerequisites(cluster)).toEqual([{ field: 'hostGroups[1].instanceType', reason: expect.stringContaining('galactic') }]);
    const error = await connection.apply(cluster, { launch: wantedNodes(cluster), terminate: [] }, recordingHooks()).catch((caught: unknown) => caught);
    expect(error).toMatchObject({ name: 'FatalProviderError', retryable: false });
    expect(await connection.describe(cluster)).toEqual([]);
  });
});
