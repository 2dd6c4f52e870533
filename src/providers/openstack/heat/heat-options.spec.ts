import { describe, expect, it } from 'vitest';
import type { HostGroupSpec } from '../../spi';
import { choosePath, DEFAULT_DOCKER_START_DELAY_SECONDS, readHeatOptions } from './heat-options';

const group = (options: Record<string, unknown>): HostGroupSpec => ({ name: 'g', nodeCount: 1, instanceType: 'm1', components: [], options });

describe('readHeatOptions', () => {
  it('defaults to user_data and the default Docker start delay', () => {
    expect(readHeatOptions(group({}), 0)).toEqual({ options: { components: 'user-data', dockerStartDelaySeconds: DEFAULT_DOCKER_START_DELAY_SECONDS }, problems: [] });
    expect(readHeatOptions(group({ components: 'auto', dockerStartDelaySeconds: 0 }), 0).options).toEqual({ components: 'auto', dockerStartDelaySeconds: 0 });
  });

  it('names the field and the reason of a bad value', () => {
    expect(readHeatOptions(group({ components: 'docker', dockerStartDelaySeconds: 1.5 }), 2).problems).toEqual([
      { field: 'hostGroups[2].options.components', reason: 'must be one of user-data, auto, containers' },
      { field: 'hostGroups[2].options.dockerStartDelaySeconds', reason: 'must be a whole number of seconds from 0 to 1800' },
    ]);
  });
});

describe('choosePath', () => {
  it('uses containers only when asked for and offered; auto falls back to user_data; containers without the type has no path', () => {
    expect(choosePath('user-data', true)).toBe('user-data');
    expect(choosePath('auto', true)).toBe('containers');
    expect(choosePath('auto', false)).toBe('user-data');
    expect(choosePath('containers', true)).toBe('containers');
    expect(choosePath('containers', false)).toBeUndefined();
  });
});
