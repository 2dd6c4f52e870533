import { describe, expect, it } from 'vitest';
import { quotaMessage, quotaViolations } from './quota-check';

const limits = { clusters: 3, nodes: 10, nodesPerCluster: 5 };

describe('quotaViolations', () => {
  it('accepts a request that fits exactly', () => {
    expect(quotaViolations(limits, { clusters: 2, nodes: 5 }, { clusters: 1, nodes: 5, nodesPerCluster: 5 })).toEqual([]);
  });

  it('refuses the cluster one past the limit, naming used, requested and allowed', () => {
    const violations = quotaViolations(limits, { clusters: 3, nodes: 4 }, { clusters: 1, nodes: 2, nodesPerCluster: 2 });
    expect(violations).toEqual([{ quota: 'clusters', used: 3, requested: 1, allowed: 3 }]);
    expect(quotaMessage(violations)).toBe('Quota exceeded: clusters: 3 in use + 1 requested would exceed the 3 allowed');
  });

  it('reports every quota broken at once', () => {
    const violations = quotaViolations(limits, { clusters: 1, nodes: 8 }, { clusters: 1, nodes: 6, nodesPerCluster: 6 });
    expect(violations.map((v) => v.quota)).toEqual(['nodes', 'nodesPerCluster']);
    expect(quotaMessage(violations)).toBe(
      'Quota exceeded: nodes in total: 8 in use + 6 requested would exceed the 10 allowed; nodes per cluster: 6 requested exceeds the 5 allowed',
    );
  });

  it('never refuses shrinking, even above a lowered limit', () => {
    expect(quotaViolations(limits, { clusters: 5, nodes: 20 }, { nodes: -2, nodesPerCluster: 4 })).toEqual([]);
    expect(quotaViolations(limits, { clusters: 5, nodes: 20 }, { clusters: -1, nodes: -4 })).toEqual([]);
  });

  it('refuses any growth while above a lowered limit', () => {
    expect(quotaViolations(limits, { clusters: 1, nodes: 12 }, { nodes: 1, nodesPerCluster: 3 })).toEqual([{ quota: 'nodes', used: 12, requested: 1, allowed: 10 }]);
  });

  it('treats a zero quota as "none allowed"', () => {
    const none = { clusters: 0, nodes: 0, nodesPerCluster: 0 };
    expect(quotaViolations(none, { clusters: 0, nodes: 0 }, { clusters: 1, nodes: 1, nodesPerCluster: 1 })).toHaveLength(3);
    expect(quotaViolations(none, { clusters: 0, nodes: 0 }, {})).toEqual([]);
  });
});
