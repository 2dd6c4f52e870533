import { describe, expect, it } from 'vitest';
import type { ObservedNode } from '../../providers/spi';
import type { DesiredHostGroup } from '../lifecycle';
import { lostNodes } from './auto-recovery';

const node = (name: string, hostGroup: string, status: ObservedNode['status'] = 'RUNNING'): ObservedNode => ({ name, hostGroup, index: 0, providerId: name, status, addresses: {}, components: [] });
const groups: DesiredHostGroup[] = [
  { name: 'master', nodeCount: 1, instanceType: 'm', recoveryMode: 'manual' },
  { name: 'worker', nodeCount: 3, instanceType: 's', recoveryMode: 'auto' },
  { name: 'edge', nodeCount: 1, instanceType: 's' },
];

describe('lostNodes', () => {
  it('counts ERROR nodes and empty places of auto host groups only', () => {
    const observed = [node('m0', 'master', 'ERROR'), node('w0', 'worker', 'ERROR'), node('w1', 'worker', 'STOPPED'), node('e0', 'edge', 'ERROR')];
    expect(lostNodes(groups, observed)).toEqual([
      { key: 'w0', label: 'w0 ERROR' },
      { key: 'missing:worker:2', label: 'a worker node missing' },
    ]);
  });

  it('finds nothing lost when every auto node runs', () => {
    expect(lostNodes(groups, [node('w0', 'worker'), node('w1', 'worker'), node('w2', 'worker')])).toEqual([]);
  });
});
