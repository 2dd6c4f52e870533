import { afterAll, describe, expect, it } from 'vitest';
import { createSimAdapter } from '../../src/providers/sim/sim.provider';
import { SimHealthServer } from '../../src/providers/sim/sim.health-server';
import { startSimHarness } from '../support/sim-harness';
import { recordingHooks, simCluster, wantedNodes } from '../support/sim-cluster';

const harness = startSimHarness();

afterAll(async () => {
  await harness.close();
});

describe('sim at scale and across restarts (real Redis)', () => {
  it('launches, describes, stops and tears down a 1,000-node cluster', async () => {
    const connection = harness.adapter.connect({});
    const cluster = simCluster(999);
    const wanted = wantedNodes(cluster);
    const hooks = recordingHooks();
    await connection.apply(cluster, { launch: wanted, terminate: [] }, hooks);
    expect(hooks.ids.size).toBe(1000);

    const nodes = await connection.describe(cluster);
    expect(nodes).toHaveLength(1000);
    expect(new Set(nodes.map((node) => node.name)).size).toBe(1000);
    expect(new Set(nodes.map((node) => node.providerId)).size).toBe(1000);
    expect(nodes.every((node) => node.status === 'RUNNING')).toBe(true);

    await connection.apply(cluster, { launch: wanted, terminate: [] }, recordingHooks());
    expect(await connection.describe(cluster)).toHaveLength(1000);

    const workers = nodes.filter((node) => node.hostGroup === 'worker');
    await connection.power?.stop(cluster, workers);
    const stopped = await connection.describe(cluster);
    expect(stopped.filter((node) => node.status === 'STOPPED' || node.status === 'STOPPING')).toHaveLength(999);
    const nameNode = stopped.find((node) => node.hostGroup === 'master')?.components.find((component) => component.name === 'NAMENODE');
    const jmx = (await (await fetch(`${nameNode?.endpoint}/jmx?qry=Hadoop:service=NameNode,name=FSNamesystemState`)).json()) as { beans: Record<string, unknown>[] };
    expect(jmx.beans[0]).toMatchObject({ NumLiveDataNodes: 0, NumDeadDataNodes: 999 });

    await connection.teardown(cluster);
    expect(await connection.describe(cluster)).toEqual([]);
    expect(await harness.keys()).toEqual([]);
  });

  it('keeps nodes across a worker restart: a new adapter with its own health server sees them, with endpoints on its own port', async () => {
    const cluster = simCluster(2);
    await harness.adapter.connect({ latencyMs: 5 }).apply(cluster, { launch: wantedNodes(cluster), terminate: [] }, recordingHooks());
    const before = await harness.adapter.connect({}).describe(cluster);

    const restartedServer = new SimHealthServer({ redis: harness.redis, keyPrefix: harness.keyPrefix });
    try {
      const restarted = createSimAdapter({ redis: harness.redis, keyPrefix: harness.keyPrefix, healthServer: restartedServer }).connect({});
      const after = await restarted.describe(cluster);
      const ids = (nodes: typeof before) => nodes.map((node) => `${node.name}=${node.providerId}`).sort();
      expect(ids(after)).toEqual(ids(before));
      const newBase = await restartedServer.baseUrl();
      expect(after[0].components[0].endpoint?.startsWith(newBase)).toBe(true);
      expect(newBase).not.toBe(await harness.healthServer.baseUrl());
      await restarted.teardown(cluster);
    } finally {
      await restartedServer.close();
    }
    expect(await harness.keys()).toEqual([]);
  });
});
