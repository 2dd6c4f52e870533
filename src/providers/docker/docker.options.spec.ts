import { describe, expect, it } from 'vitest';
import { HostGroupOptionsSchema } from '../spi';
import { DOCKER_DESCRIPTOR } from './docker.descriptor';
import { parseHostGroupOptions } from './docker.options';

const published = HostGroupOptionsSchema.of(DOCKER_DESCRIPTOR.hostGroupOptionsSchema!);
const atRequest = (options: Record<string, unknown>) => published.problems(options, 'o');
const inAdapter = (options: Record<string, unknown>) => parseHostGroupOptions(options, 'o').problems;

describe('Docker host group options: the published schema and the adapter agree', () => {
  it.each([
    [{}],
    [{ image: 'herd/hadoop-sim:1' }],
    [{ image: { NAMENODE: 'apache/hadoop:3.3.6', DATANODE: 'registry.example.org:5000/team/dn@sha256:abc' } }],
    [{ publishPorts: true, restartRetries: 0, sandboxImage: 'busybox:1.36' }],
    [{ restartRetries: 100 }],
    [{ volumes: [{ name: 'dfs', target: '/hadoop/dfs' }, { name: 'logs', target: '/var/log', readOnly: true }] }],
  ])('accepts %j', (options) => {
    expect(atRequest(options)).toEqual([]);
    expect(inAdapter(options)).toEqual([]);
  });

  it.each([
    [{ image: 'not an image!' }, 'o.image'],
    [{ image: 42 }, 'o.image'],
    [{ image: null }, 'o.image'],
    [{ image: { NAMENODE: '' } }, 'o.image.NAMENODE'],
    [{ sandboxImage: '' }, 'o.sandboxImage'],
    [{ publishPorts: 'yes' }, 'o.publishPorts'],
    [{ publishPort: true }, 'o.publishPort'],
    [{ restartRetries: -1 }, 'o.restartRetries'],
    [{ restartRetries: 101 }, 'o.restartRetries'],
    [{ restartRetries: 1.5 }, 'o.restartRetries'],
    [{ volumes: 'dfs' }, 'o.volumes'],
    [{ volumes: ['dfs'] }, 'o.volumes[0]'],
    [{ volumes: [{ target: '/d' }] }, 'o.volumes[0].name'],
    [{ volumes: [{ name: 'DFS', target: '/d' }] }, 'o.volumes[0].name'],
    [{ volumes: [{ name: 'dfs', target: 'relative' }] }, 'o.volumes[0].target'],
    [{ volumes: [{ name: 'dfs', target: '/a/../etc' }] }, 'o.volumes[0].target'],
    [{ volumes: [{ name: 'dfs', target: '/d', readOnly: 'no' }] }, 'o.volumes[0].readOnly'],
    [{ volumes: [{ name: 'dfs', target: '/d', mode: 'rw' }] }, 'o.volumes[0].mode'],
  ])('refuses %j on %s, in the same words', (options, field) => {
    expect(inAdapter(options).map((problem) => problem.field)).toEqual([field]);
    expect(atRequest(options)).toEqual(inAdapter(options));
  });

  it('words a refusal for users', () => {
    expect(inAdapter({ restartRetries: -1, publishPort: true, image: 42 })).toEqual([
      { field: 'o.publishPort', reason: 'is not a known option (known: image, publishPorts, volumes, sandboxImage, restartRetries)' },
      { field: 'o.image', reason: 'must be an image reference or an object mapping component names to image references' },
      { field: 'o.restartRetries', reason: 'must be an integer from 0 to 100' },
    ]);
  });

  it('refuses a volume name listed twice in the adapter only: JSON Schema cannot say it', () => {
    const twice = { volumes: [{ name: 'dfs', target: '/a' }, { name: 'dfs', target: '/b' }] };
    expect(atRequest(twice)).toEqual([]);
    expect(inAdapter(twice)).toEqual([{ field: 'o.volumes[1].name', reason: 'volume dfs is listed twice' }]);
  });
});

describe('parseHostGroupOptions', () => {
  it('fills in the defaults', () => {
    expect(parseHostGroupOptions({}, 'o').value).toEqual({ publishPorts: false, volumes: [], restartRetries: 3 });
    expect(parseHostGroupOptions({ volumes: [{ name: 'dfs', target: '/d' }] }, 'o').value.volumes).toEqual([{ name: 'dfs', target: '/d', readOnly: false }]);
  });

  it('keeps the options that passed beside a refused one, so the pre-flight still checks their images', () => {
    const { value, problems } = parseHostGroupOptions({ image: 'herd/absent:0', restartRetries: -1 }, 'o');
    expect(problems.map((problem) => problem.field)).toEqual(['o.restartRetries']);
    expect(value).toMatchObject({ image: 'herd/absent:0', restartRetries: 3 });
  });
});
