import { describe, expect, it } from 'vitest';
import { simClusterFigures } from './sim.figures';
import type { SimNodeState } from './sim.record';

function node(name: string, components: string[], change: Partial<SimNodeState> & { unhealthy?: boolean; bootMs?: number } = {}): SimNodeState {
  return {
    record: {
      name,
      hostGroup: 'g',
      index: 0,
      providerId: `sim-${name}`,
      account: 't',
      instanceType: 'medium',
      cpus: 2,
      memoryMb: 4096,
      components,
      unhealthy: change.unhealthy ?? false,
      bootMs: change.bootMs ?? 0,
      createdAt: 0,
    },
    power: change.power,
    crashedAt: change.crashedAt,
  };
}

describe('simClusterFigures', () => {
  it('counts live, dead, active, unhealthy, lost and shut-down daemons from node states', () => {
    const worker = ['DATANODE', 'NODEMANAGER'];
    const figures = simClusterFigures(
      [
        node('master', ['NAMENODE', 'RESOURCEMANAGER']),
        node('w0', worker),
        node('w1', worker),
        node('w2', worker, { power: { powered: false, at: 0 } }),
        node('w3', worker, { crashedAt: 5 }),
        node('w4', worker, { unhealthy: true }),
        node('w5', worker, { bootMs: 1_000_000 }),
      ],
      10,
    );
    expect(figures).toMatchObject({
      liveDataNodes: 2,
      deadDataNodes: 2,
      liveDataNodeHosts: ['w0', 'w1'],
      deadDataNodeHosts: ['w2', 'w3'],
      activeNodeManagers: 2,
      unhealthyNodeManagers: 1,
      lostNodeManagers: 1,
      shutdownNodeManagers: 1,
      totalMb: 8192,
      totalVirtualCores: 4,
    });
    expect(figures.capacityTotal).toBe(2 * 2 * 100 * 1024 ** 3);
  });
});
