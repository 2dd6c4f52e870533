import { describe, expect, it } from 'vitest';
import { HostGroupOptionsSchema, type HostGroupSpec } from '../../spi';
import { NOVA_DESCRIPTOR } from './nova.descriptor';
import { readNovaOptions } from './nova.options';

const group = (options: Record<string, unknown>): HostGroupSpec => ({ name: 'g', nodeCount: 1, instanceType: 'm1.small', components: [], options });
const published = HostGroupOptionsSchema.of(NOVA_DESCRIPTOR.hostGroupOptionsSchema!);
const atRequest = (options: Record<string, unknown>) => published.problems(options, 'hostGroups[0].options');
const inAdapter = (options: Record<string, unknown>) => readNovaOptions(group(options), 0).problems;

describe('Nova host group options: the published schema and the adapter agree', () => {
  it.each([
    [{ image: 'debian-12' }],
    [{ image: 'debian-12', networks: 'none' }],
    [{ image: 'debian-12', networks: ['net-1', 'net-2'], keyName: 'ops', securityGroups: ['default'], availabilityZone: 'nova', serverGroupPolicy: 'soft-anti-affinity' }],
    [{ image: 'debian-12', keyName: null, availabilityZone: null, securityGroups: [] }],
  ])('accepts %j', (options) => {
    expect(atRequest(options)).toEqual([]);
    expect(inAdapter(options)).toEqual([]);
  });

  it.each([
    [{}, 'image'],
    [{ image: null }, 'image'],
    [{ image: '' }, 'image'],
    [{ image: 'a\nb' }, 'image'],
    [{ image: 'x'.repeat(256) }, 'image'],
    [{ image: 'i', networks: [] }, 'networks'],
    [{ image: 'i', networks: 'public' }, 'networks'],
    [{ image: 'i', networks: ['ok', 5] }, 'networks'],
    [{ image: 'i', securityGroups: 'default' }, 'securityGroups'],
    [{ image: 'i', keyName: 5 }, 'keyName'],
    [{ image: 'i', serverGroupPolicy: 'spread' }, 'serverGroupPolicy'],
  ])('refuses %j on %s, in the same words', (options, field) => {
    expect(inAdapter(options).map((problem) => problem.field)).toEqual([`hostGroups[0].options.${field}`]);
    expect(atRequest(options)).toEqual(inAdapter(options));
  });

  it('words a refusal for users', () => {
    expect(inAdapter({ networks: 'public', serverGroupPolicy: 'spread' })).toEqual([
      { field: 'hostGroups[0].options.image', reason: 'is required' },
      { field: 'hostGroups[0].options.networks', reason: "must be 'auto', 'none' or a list of network ids" },
      { field: 'hostGroups[0].options.serverGroupPolicy', reason: 'must be one of affinity, anti-affinity, soft-affinity, soft-anti-affinity' },
    ]);
  });

  it('refuses an unknown option at request time; the adapter leaves it alone, as it did for clusters stored before', () => {
    expect(atRequest({ image: 'i', flavor: 'm1.small' })).toEqual([{ field: 'hostGroups[0].options.flavor', reason: expect.stringMatching(/^is not a known option \(known: image, networks/) }]);
    expect(inAdapter({ image: 'i', flavor: 'm1.small' })).toEqual([]);
  });

  it('fills in the defaults', () => {
    expect(readNovaOptions(group({ image: 'i', keyName: null }), 0).options).toEqual({ image: 'i', networks: 'auto', keyName: undefined, securityGroups: [], availabilityZone: undefined, serverGroupPolicy: undefined });
  });
});
