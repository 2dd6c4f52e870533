import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import type { ClusterSpec } from '../../spi';
import { nextTemplate, serverGroupKey, type HeatGroup } from './heat.template';

const HOSTILE = `x"}, "evil": {"type": "OS::Heat::None"}, "y": {"get_file": "/etc/passwd"}\n  evil:\n    type: OS::Heat::None`;

function cluster(group: string): ClusterSpec {
  return {
    clusterId: 'c1',
    tenantId: 't1',
    name: HOSTILE,
    tag: 'abcdef0123456789',
    stack: { name: 'hdp', version: '3' },
    hostGroups: [
      {
        name: group,
        nodeCount: 1,
        instanceType: 'm1',
        components: [{ name: 'DATANODE', image: HOSTILE, command: [HOSTILE], ports: [], env: { A: HOSTILE }, configFiles: [], startOrder: 1 }],
        options: {},
      },
    ],
  };
}

function resolved(c: ClusterSpec, path: HeatGroup['path'] = 'user-data'): HeatGroup {
  return {
    group: c.hostGroups[0],
    options: { image: HOSTILE, networks: [HOSTILE], securityGroups: [HOSTILE], keyName: HOSTILE, serverGroupPolicy: 'anti-affinity' },
    flavorId: HOSTILE,
    imageId: HOSTILE,
    path,
    dockerStartDelaySeconds: 240,
  };
}

describe('nextTemplate', () => {
  it('keeps hostile strings as values: the serialised template parses back to the same structure', () => {
    const c = cluster(`w${HOSTILE}`);
    const node = { name: 'herd-abcdef01-w-0', hostGroup: c.hostGroups[0].name, index: 0 };
    const t = nextTemplate(c, undefined, [{ node, group: resolved(c) }], []);
    const key = serverGroupKey(c.hostGroups[0].name);
    expect(key).toMatch(/^servergroup-[a-z0-9]+-[0-9a-f]{8}$/);
    for (const text of [JSON.stringify(t), JSON.stringify(JSON.parse(JSON.stringify(t)))]) {
      const back = parse(text) as typeof t;
      expect(Object.keys(back)).toEqual(['heat_template_version', 'description', 'resources']);
      expect(Object.keys(back.resources).sort()).toEqual([node.name, key].sort());
      const props = back.resources[node.name].properties as Record<string, unknown>;
      expect(props.image).toBe(HOSTILE);
      expect(props.metadata).toEqual({ herd_cluster: 'c1', herd_tag: 'abcdef0123456789', herd_host_group: c.hostGroups[0].name, herd_node_index: '0' });
      expect(props.networks).toEqual([{ network: HOSTILE }]);
      expect(props.scheduler_hints).toEqual({ group: { get_resource: key } });
    }
  });

  it('keeps existing resources untouched, adds the launched and drops the terminated (and unused server groups)', () => {
    const c = cluster('worker');
    const g = resolved(c);
    const n = (index: number) => ({ name: `herd-abcdef01-worker-${index}`, hostGroup: 'worker', index });
    const first = nextTemplate(c, undefined, [{ node: n(0), group: g }, { node: n(1), group: g }], []);
    const kept = JSON.stringify(first.resources[n(0).name]);
    const second = nextTemplate(c, first, [{ node: n(2), group: g }], [n(1).name]);
    expect(Object.keys(second.resources).sort()).toEqual([n(0).name, n(2).name, serverGroupKey('worker')].sort());
    expect(JSON.stringify(second.resources[n(0).name])).toBe(kept);
    const empty = nextTemplate(c, second, [], [n(0).name, n(2).name]);
    expect(empty.resources).toEqual({});
  });
});
