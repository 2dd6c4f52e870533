import { describe, expect, it } from 'vitest';
import type { ClusterSpec, ObservedNode } from '../../providers/spi';
import type { HadoopMeasurement } from '../observation';
import { rollUpHealth } from './health-rollup';

const spec = {
  hostGroups: [
    { name: 'master', nodeCount: 1, components: [{ name: 'NAMENODE' }, { name: 'RESOURCEMANAGER' }] },
    { name: 'worker', nodeCount: 3, components: [{ name: 'DATANODE' }, { name: 'NODEMANAGER' }] },
  ],
} as unknown as ClusterSpec;

function node(name: string, hostGroup: string, components: string[], overrides: Partial<ObservedNode> = {}): ObservedNode {
  return { name, hostGroup, index: 0, providerId: name, status: 'RUNNING', addresses: {}, components: components.map((c) => ({ name: c, status: 'running' as const })), ...overrides };
}

const master = () => node('herd-c-master-0', 'master', ['NAMENODE', 'RESOURCEMANAGER']);
const workers = () => [0, 1, 2].map((i) => node(`herd-c-worker-${i}`, 'worker', ['DATANODE', 'NODEMANAGER']));
const measured = (dataNodes: number | undefined, nodeManagers: number | undefined): HadoopMeasurement[] => [
  { master: 'NAMENODE', member: 'DATANODE', label: 'DataNodes live', expected: 3, actual: dataNodes, hasEndpoint: true },
  { master: 'RESOURCEMANAGER', member: 'NODEMANAGER', label: 'NodeManagers active', expected: 3, actual: nodeManagers, hasEndpoint: true },
];

describe('rollUpHealth', () => {
  it('is HEALTHY when every node runs and the masters count every requested worker', () => {
    const rollup = rollUpHealth(spec, [master(), ...workers()], measured(3, 3));
    expect(rollup.health).toBe('HEALTHY');
    expect(rollup.message).toBe('HEALTHY: 3 of 3 DataNodes live, 3 of 3 NodeManagers active');
    expect(rollup.figures.nodesByStatus).toEqual({ RUNNING: 4 });
  });

  it('is DEGRADED when a worker\'s component failed, naming the node and component', () => {
    const nodes = workers();
    nodes[1]!.components[0]!.status = 'failed';
    const rollup = rollUpHealth(spec, [master(), ...nodes], measured(2, 3));
    expect(rollup.health).toBe('DEGRADED');
    expect(rollup.message).toBe('DEGRADED: 2 of 3 DataNodes live, 3 of 3 NodeManagers active; herd-c-worker-1 DATANODE failed');
  });

  it('is DEGRADED when a worker is missing, even if the masters count what remains', () => {
    const rollup = rollUpHealth(spec, [master(), ...workers().slice(0, 2)], measured(2, 2));
    expect(rollup.health).toBe('DEGRADED');
    expect(rollup.message).toContain('1 worker node missing');
  });

  it('is UNHEALTHY when the master is down or unreachable', () => {
    expect(rollUpHealth(spec, [master(), ...workers()].map((n, i) => (i === 0 ? { ...n, status: 'ERROR' as const, statusReason: 'host crashed' } : n)), measured(undefined, undefined)).message).toMatch(/^UNHEALTHY: \? of 3 DataNodes live, \? of 3 NodeManagers active; NAMENODE and RESOURCEMANAGER down; herd-c-master-0 ERROR \(host crashed\)/);
    expect(rollUpHealth(spec, [master(), ...workers()], measured(undefined, 3)).health).toBe('UNHEALTHY');
  });

  it('is UNHEALTHY when no worker is live', () => {
    const stopped = workers().map((n) => ({ ...n, status: 'STOPPED' as const }));
    const rollup = rollUpHealth(spec, [master(), ...stopped], measured(0, 0));
    expect(rollup.health).toBe('UNHEALTHY');
    expect(rollup.message).toContain('no worker is live');
  });

  it('names a node that stopped reporting once, rather than each of its components', () => {
    const nodes = workers();
    const reason = 'no report from the node for 301 s';
    nodes[2]!.components = nodes[2]!.components.map((c) => ({ name: c.name, status: 'unknown' as const, reason }));
    nodes[1]!.components[1] = { name: 'NODEMANAGER', status: 'unknown', reason: 'not in the node\'s report' };
    const rollup = rollUpHealth(spec, [master(), ...nodes], []);
    expect(rollup.health).toBe('DEGRADED');
    expect(rollup.message).toBe(`DEGRADED: 4 of 4 nodes running; herd-c-worker-1 NODEMANAGER unknown, herd-c-worker-2 ${reason}`);
  });

  it('rolls up node and component status alone for push providers (no figures)', () => {
    expect(rollUpHealth(spec, [master(), ...workers()], []).message).toBe('HEALTHY: 4 of 4 nodes running');
  });
});
