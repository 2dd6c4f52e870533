import { describe, expect, it } from 'vitest';
import { simNodeStatus, toObservedNode } from './sim.mapper';
import type { SimNodeRecord, SimNodeState } from './sim.record';

const record = (change: Partial<SimNodeRecord> = {}): SimNodeRecord => ({
  name: 'herd-abc-worker-0',
  hostGroup: 'worker',
  index: 0,
  providerId: 'sim-0a1b2c3d-0000-4000-8000-000000000000',
  account: 't1',
  instanceType: 'small',
  cpus: 1,
  memoryMb: 2048,
  components: ['DATANODE', 'NODEMANAGER'],
  unhealthy: false,
  bootMs: 100,
  createdAt: 1_000,
  ...change,
});

describe('sim node lifecycle', () => {
  it('goes PENDING, STARTING, RUNNING as its boot time passes', () => {
    const state: SimNodeState = { record: record() };
    expect(simNodeStatus(state, 1_000)).toBe('PENDING');
    expect(simNodeStatus(state, 1_049)).toBe('PENDING');
    expect(simNodeStatus(state, 1_050)).toBe('STARTING');
    expect(simNodeStatus(state, 1_100)).toBe('RUNNING');
  });

  it('stops through STOPPING and starts again through STARTING', () => {
    expect(simNodeStatus({ record: record(), power: { powered: false, at: 5_000 } }, 5_010)).toBe('STOPPING');
    expect(simNodeStatus({ record: record(), power: { powered: false, at: 5_000 } }, 5_050)).toBe('STOPPED');
    expect(simNodeStatus({ record: record(), power: { powered: true, at: 6_000 } }, 6_010)).toBe('STARTING');
    expect(simNodeStatus({ record: record(), power: { powered: true, at: 6_000 } }, 6_100)).toBe('RUNNING');
  });

  it('reports a crashed host as ERROR whatever its power state', () => {
    expect(simNodeStatus({ record: record(), crashedAt: 2_000 }, 9_000)).toBe('ERROR');
  });

  it('maps to an ObservedNode with component endpoints on the given server', () => {
    const node = toObservedNode('tag/1', { record: record() }, 2_000, 'http://127.0.0.1:4000');
    expect(node).toMatchObject({ name: 'herd-abc-worker-0', hostGroup: 'worker', index: 0, status: 'RUNNING', addresses: { private: '10.10.27.44' } });
    expect(node.components).toEqual([
      { name: 'DATANODE', status: 'running', endpoint: 'http://127.0.0.1:4000/clusters/tag%2F1/nodes/herd-abc-worker-0/DATANODE' },
      { name: 'NODEMANAGER', status: 'running', endpoint: 'http://127.0.0.1:4000/clusters/tag%2F1/nodes/herd-abc-worker-0/NODEMANAGER' },
    ]);
  });

  it('shows components of an unhealthy host group as failed once the node runs, and of a stopped node as stopped', () => {
    const unhealthy = toObservedNode('t', { record: record({ unhealthy: true }) }, 2_000, 'http://x');
    expect(unhealthy.status).toBe('RUNNING');
    expect(unhealthy.components.map((component) => component.status)).toEqual(['failed', 'failed']);
    expect(unhealthy.components[0].reason).toMatch(/unhealthyHostGroups/);
    const stopped = toObservedNode('t', { record: record(), power: { powered: false, at: 1_500 } }, 2_000, 'http://x');
    expect(stopped.components.map((component) => component.status)).toEqual(['stopped', 'stopped']);
    const crashed = toObservedNode('t', { record: record(), crashedAt: 1_500 }, 2_000, 'http://x');
    expect(crashed).toMatchObject({ status: 'ERROR', statusReason: 'the simulated host crashed' });
  });
});
