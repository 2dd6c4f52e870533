import { describe, expect, it } from 'vitest';
import { ClusterSpec, nodeName, ObservedNode } from '../../../providers/spi';
import { diffCluster } from './cluster-diff';

const spec = (master: number, worker: number): ClusterSpec => ({
  clusterId: 'c',
  tenantId: 't',
  name: 'demo',
  tag: 'abcdef0123456789',
  stack: { name: 'HDP', version: '3.1' },
  hostGroups: [
    { name: 'master', nodeCount: master, instanceType: 'large', components: [], options: {} },
    { name: 'worker', nodeCount: worker, instanceType: 'small', components: [], options: {} },
  ],
});

const node = (hostGroup: string, index: number, status: ObservedNode['status'] = 'RUNNING', providerId = `${hostGroup}-${index}`): ObservedNode => ({
  name: nodeName(spec(0, 0), hostGroup, index),
  hostGroup,
  index,
  providerId,
  status,
  addresses: {},
  components: [],
});

describe('diffCluster', () => {
  it('launches every node of an empty cluster under deterministic names', () => {
    const diff = diffCluster(spec(1, 2), [], 'running');
    expect(diff.launch.map((n) => n.name)).toEqual(['herd-abcdef01-master-0', 'herd-abcdef01-worker-0', 'herd-abcdef01-worker-1']);
    expect(diff.terminate).toEqual([]);
  });

  it('plans nothing when observed equals desired', () => {
    const diff = diffCluster(spec(1, 2), [node('master', 0), node('worker', 0), node('worker', 1)], 'running');
    expect(diff.launch).toEqual([]);
    expect(diff.terminate).toEqual([]);
    expect(diff.kept).toHaveLength(3);
  });

  it('launches only what is missing after a partial launch (a worker died mid-way)', () => {
    const diff = diffCluster(spec(1, 3), [node('master', 0, 'STARTING'), node('worker', 1, 'PENDING')], 'running');
    expect(diff.launch.map((n) => n.index)).toEqual([0, 2]);
  });

  it('scales down by terminating the highest indices', () => {
    const diff = diffCluster(spec(1, 1), [node('master', 0), node('worker', 0), node('worker', 1), node('worker', 2)], 'running');
    expect(diff.terminate.map((n) => n.index)).toEqual([1, 2]);
  });

  it('terminates a duplicate of a name and a host group that is no longer wanted', () => {
    const stray = { ...node('edge', 0) };
    const diff = diffCluster(spec(1, 1), [node('master', 0), node('worker', 0, 'RUNNING', 'a'), node('worker', 0, 'RUNNING', 'b'), stray], 'running');
    expect(diff.terminate.map((n) => n.providerId).sort()).toEqual(['b', 'edge-0']);
    expect(diff.launch).toEqual([]);
  });

  it('replaces a node in ERROR under a free index and ignores nodes already terminating', () => {
    const diff = diffCluster(spec(0, 2), [node('worker', 0, 'ERROR'), node('worker', 1), node('worker', 2, 'TERMINATING')], 'running');
    expect(diff.terminate.map((n) => n.index)).toEqual([0]);
    expect(diff.replaced).toHaveLength(1);
    expect(diff.launch.map((n) => n.index)).toEqual([3]);
  });

  it('starts stopped nodes for a running goal and stops running ones for a stopped goal', () => {
    const observed = [node('master', 0, 'STOPPED'), node('worker', 0, 'RUNNING')];
    expect(diffCluster(spec(1, 1), observed, 'running').start.map((n) => n.hostGroup)).toEqual(['master']);
    expect(diffCluster(spec(1, 1), observed, 'stopped').stop.map((n) => n.hostGroup)).toEqual(['worker']);
  });
});

describe('diffCluster when shrinking', () => {
  it('keeps ready nodes before unready ones', () => {
    const ready = { ...node('worker', 1), components: [{ name: 'DATANODE', status: 'running' as const }] };
    const starting = { ...node('worker', 0), components: [{ name: 'DATANODE', status: 'starting' as const }] };
    const diff = diffCluster(spec(0, 1), [starting, ready], 'running');
    expect(diff.kept.map((n) => n.index)).toEqual([1]);
    expect(diff.terminate.map((n) => n.index)).toEqual([0]);
  });
});
