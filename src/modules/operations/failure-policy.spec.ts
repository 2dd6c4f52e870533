import { describe, expect, it } from 'vitest';
import type { ObservedNode } from '../../providers/spi';
import { partialSizes } from './failure-policy';

const groups = [
  { name: 'master', nodeCount: 1, instanceType: 'large' },
  { name: 'worker', nodeCount: 10, instanceType: 'small' },
];

function observed(master: number, readyWorkers: number, brokenWorkers: number): ObservedNode[] {
  const node = (hostGroup: string, index: number, ready: boolean): ObservedNode => ({
    name: `${hostGroup}-${index}`,
    hostGroup,
    index,
    providerId: `p-${hostGroup}-${index}`,
    status: 'RUNNING',
    addresses: {},
    components: [{ name: 'X', status: ready ? 'running' : 'failed' }],
  });
  return [
    ...Array.from({ length: master }, (_, i) => node('master', i, true)),
    ...Array.from({ length: readyWorkers }, (_, i) => node('worker', i, true)),
    ...Array.from({ length: brokenWorkers }, (_, i) => node('worker', readyWorkers + i, false)),
  ];
}

describe('partialFailure policies', () => {
  it('exact never settles', () => {
    expect(partialSizes(groups, { policy: 'exact' }, observed(1, 9, 1))).toBeUndefined();
  });

  it('percentage settles when every host group reaches the threshold', () => {
    expect(partialSizes(groups, { policy: 'percentage', threshold: 80 }, observed(1, 8, 2))?.map((g) => g.nodeCount)).toEqual([1, 8]);
    expect(partialSizes(groups, { policy: 'percentage', threshold: 80 }, observed(1, 7, 3))).toBeUndefined();
    expect(partialSizes(groups, { policy: 'percentage', threshold: 80 }, observed(0, 10, 0))).toBeUndefined();
  });

  it('bestEffort settles for at least one ready node per host group', () => {
    expect(partialSizes(groups, { policy: 'bestEffort' }, observed(1, 1, 9))?.map((g) => g.nodeCount)).toEqual([1, 1]);
    expect(partialSizes(groups, { policy: 'bestEffort' }, observed(1, 0, 10))).toBeUndefined();
  });
});
