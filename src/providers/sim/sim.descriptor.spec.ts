import { describe, expect, it } from 'vitest';
import { HostGroupOptionsSchema } from '../spi';
import { SIM_DESCRIPTOR } from './sim.descriptor';

describe('sim host group options', () => {
  const published = HostGroupOptionsSchema.of(SIM_DESCRIPTOR.hostGroupOptionsSchema!);

  it('takes none: the sim has nothing to choose per host group, so any option is a mistake', () => {
    expect(published.problems({}, 'hostGroups[0].options')).toEqual([]);
    expect(published.problems({ image: 'herd/hadoop-sim:1' }, 'hostGroups[0].options')).toEqual([
      { field: 'hostGroups[0].options.image', reason: 'is not a known option (none are accepted)' },
    ]);
  });

  it('defaults to an instance type it offers', () => {
    expect(SIM_DESCRIPTOR.instanceTypes.map((type) => type.name)).toContain(SIM_DESCRIPTOR.defaultInstanceType);
  });
});
