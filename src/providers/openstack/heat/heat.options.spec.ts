import { describe, expect, it } from 'vitest';
import { HostGroupOptionsSchema, type HostGroupSpec } from '../../spi';
import { NOVA_DESCRIPTOR } from '../nova/nova.descriptor';
import { readNovaOptions } from '../nova/nova.options';
import { HEAT_DESCRIPTOR } from './heat.descriptor';
import { choosePath, DEFAULT_DOCKER_START_DELAY_SECONDS, readHeatOptions } from './heat.options';

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

describe('Heat host group options: the published schema and the adapter (Nova\'s reader, then Heat\'s) agree', () => {
  const published = HostGroupOptionsSchema.of(HEAT_DESCRIPTOR.hostGroupOptionsSchema!);
  const atRequest = (options: Record<string, unknown>) => published.problems(options, 'hostGroups[0].options');
  const inAdapter = (options: Record<string, unknown>) => [...readNovaOptions(group(options), 0).problems, ...readHeatOptions(group(options), 0).problems];

  it.each([
    [{ image: 'debian-12' }],
    [{ image: 'debian-12', components: 'auto', dockerStartDelaySeconds: 0 }],
    [{ image: 'debian-12', components: 'containers', dockerStartDelaySeconds: 1800, serverGroupPolicy: 'anti-affinity', networks: 'none' }],
    [{ image: 'debian-12', components: null, dockerStartDelaySeconds: null }],
  ])('accepts %j', (options) => {
    expect(atRequest(options)).toEqual([]);
    expect(inAdapter(options)).toEqual([]);
  });

  it.each([
    [{ image: 'i', components: 'docker' }, 'components'],
    [{ image: 'i', dockerStartDelaySeconds: 1.5 }, 'dockerStartDelaySeconds'],
    [{ image: 'i', dockerStartDelaySeconds: 1801 }, 'dockerStartDelaySeconds'],
    [{ image: 'i', dockerStartDelaySeconds: '240' }, 'dockerStartDelaySeconds'],
    [{ components: 'auto' }, 'image'],
    [{ image: 'i', networks: 'public' }, 'networks'],
  ])('refuses %j on %s, in the same words', (options, field) => {
    expect(inAdapter(options).map((problem) => problem.field)).toEqual([`hostGroups[0].options.${field}`]);
    expect(atRequest(options)).toEqual(inAdapter(options));
  });

  it("refuses Heat's options on openstack/nova, and unknown ones on both, at request time", () => {
    const nova = HostGroupOptionsSchema.of(NOVA_DESCRIPTOR.hostGroupOptionsSchema!);
    expect(nova.problems({ image: 'i', components: 'auto' }, 'o').map((problem) => problem.field)).toEqual(['o.components']);
    expect(atRequest({ image: 'i', component: 'auto' }).map((problem) => problem.field)).toEqual(['hostGroups[0].options.component']);
    expect(inAdapter({ image: 'i', component: 'auto' })).toEqual([]);
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
