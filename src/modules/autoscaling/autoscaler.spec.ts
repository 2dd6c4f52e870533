import { describe, expect, it } from 'vitest';
import type { HealthFigures, HealthSample } from '../observation';
import { decide, heldFor } from './autoscaler';
import type { AutoscalingPolicy } from './autoscaling-policy.entity';

const cluster = { hostGroups: [{ name: 'worker', nodeCount: 3, instanceType: 'small' }] };
const figures = (containersPending: number, allocatedMB = 0): HealthFigures => ({
  nodesByStatus: {},
  members: [],
  yarn: { appsPending: 0, containersPending, allocatedMB, availableMB: 8192 - allocatedMB, totalMB: 8192 },
});
const policy = (overrides: Partial<AutoscalingPolicy> = {}) =>
  ({ name: 'p', hostGroup: 'worker', metric: 'containersPending', operator: 'above', threshold: 10, adjustment: 2, minNodes: 1, maxNodes: 4, cooldownSeconds: 0, forSeconds: 0, ...overrides }) as AutoscalingPolicy;

describe('decide', () => {
  it('steps the host group when the metric crosses the threshold, capped at maxNodes', () => {
    expect(decide(policy(), cluster, figures(11))).toMatchObject({ from: 3, to: 4, because: 'containersPending 11 above 10' });
    expect(decide(policy(), cluster, figures(10))).toBeUndefined();
    expect(decide(policy({ maxNodes: 3 }), cluster, figures(50))).toBeUndefined();
  });

  it('shrinks down to minNodes when the metric is below, and reads memory use as a percentage', () => {
    expect(decide(policy({ operator: 'below', threshold: 1, adjustment: -5 }), cluster, figures(0))).toMatchObject({ to: 1 });
    expect(decide(policy({ metric: 'memoryUsedPercent', threshold: 75, adjustment: 1 }), cluster, figures(0, 7000))).toMatchObject({ to: 4, because: 'memoryUsedPercent 85.45 above 75' });
  });

  it('does nothing without YARN figures (nodes herd cannot reach) or for a host group the cluster lost', () => {
    expect(decide(policy(), cluster, { nodesByStatus: {}, members: [] })).toBeUndefined();
    expect(decide(policy({ hostGroup: 'edge' }), cluster, figures(50))).toBeUndefined();
  });
});

describe('heldFor', () => {
  const now = Date.parse('2026-01-01T00:10:00Z');
  const sample = (secondsAgo: number, containersPending: number): HealthSample => ({ ...figures(containersPending), at: new Date(now - secondsAgo * 1000).toISOString(), health: 'HEALTHY', message: '' });

  it('needs the condition at every probe of the window, and samples reaching back to its start', () => {
    const busy = [sample(0, 20), sample(15, 30), sample(30, 12), sample(45, 2)];
    expect(heldFor(policy({ forSeconds: 30 }), busy, now)).toBe(true);
    expect(heldFor(policy({ forSeconds: 45 }), busy, now)).toBe(false);
    expect(heldFor(policy({ forSeconds: 60 }), busy.slice(0, 3), now)).toBe(false);
    expect(heldFor(policy({ forSeconds: 0 }), [], now)).toBe(true);
  });
});
