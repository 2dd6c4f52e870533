import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { FatalProviderError, type ClusterSpec, type ComponentSpec } from '../../spi';
import { CONFIG_ENTRY_SCRIPT, containerKey, containerProperties, DELAY_TYPE, DOCKER_CONTAINER_TYPE, dockerStartKey } from './heat.docker-container';
import { nextTemplate, serverGroupKey, type HeatGroup } from './heat.template';
import type { HotTemplate } from './heat.hot';

const HOSTILE = `x"}, "evil": {"type": "OS::Heat::None"}, "y": {"get_file": "/etc/passwd"}\n  evil:\n    type: OS::Heat::None\n$(id) \`id\` '; exit 7; '`;
const HOT_FUNCTIONS = ['get_attr', 'get_file', 'get_param', 'get_resource', 'list_join', 'str_replace', 'yaql', 'repeat', 'map_merge', 'if', 'digest', 'str_split'];

function comp(name: string, startOrder: number, extra: Partial<ComponentSpec> = {}): ComponentSpec {
  return { name, image: 'apache/hadoop:3.3.6', command: ['hdfs', name.toLowerCase()], ports: [{ name: 'rpc', port: 8020, protocol: 'tcp' }], env: {}, configFiles: [], startOrder, ...extra };
}

function cluster(components: ComponentSpec[]): ClusterSpec {
  return {
    clusterId: 'c1',
    tenantId: 't1',
    name: 'c',
    tag: 'abcdef0123456789',
    stack: { name: 'hdp', version: '3' },
    callbackUrl: 'http://127.0.0.1:9/v1/node-callbacks',
    hostGroups: [{ name: 'master', nodeCount: 1, instanceType: 'm1', components, options: {} }],
  };
}

function group(c: ClusterSpec, serverGroupPolicy?: 'anti-affinity'): HeatGroup {
  return { group: c.hostGroups[0], options: { image: 'tiny', networks: 'none', securityGroups: [], serverGroupPolicy }, flavorId: '1', imageId: 'img', path: 'containers', dockerStartDelaySeconds: 30 };
}

const node = (index: number) => ({ name: `herd-abcdef01-master-${index}`, hostGroup: 'master', index, callbackToken: `tok-${index}` });

/** Every place a HOT function appears, as a path. */
function functionPaths(value: unknown, path = ''): string[] {
  if (Array.isArray(value)) return value.flatMap((v, i) => functionPaths(v, `${path}[${i}]`));
  if (value && typeof value === 'object') {
    return Object.entries(value).flatMap(([k, v]) => [...(HOT_FUNCTIONS.includes(k) ? [`${path}.${k}`] : []), ...functionPaths(v, `${path}.${k}`)]);
  }
  return [];
}

describe('container resources (components: containers)', () => {
  it('gives each node a delay after its server, then one container per component chained by depends_on in start order', () => {
    const c = cluster([comp('RESOURCEMANAGER', 30), comp('NAMENODE', 10), comp('ZKFC', 20)]);
    const n = node(0);
    const t = nextTemplate(c, undefined, [{ node: n, group: group(c) }], []);
    const keys = [dockerStartKey(n.name), containerKey(n.name, 'NAMENODE'), containerKey(n.name, 'ZKFC'), containerKey(n.name, 'RESOURCEMANAGER')];
    expect(Object.keys(t.resources)).toEqual([n.name, ...keys]);
    expect(t.resources[keys[0]]).toEqual({ type: DELAY_TYPE, properties: { min_wait: 30 }, depends_on: [n.name] });
    for (let i = 1; i < keys.length; i++) {
      expect(t.resources[keys[i]].type).toBe(DOCKER_CONTAINER_TYPE);
      expect(t.resources[keys[i]].depends_on).toEqual([keys[i - 1]]);
    }
    expect(t.resources[keys[1]].properties).toEqual({
      docker_endpoint: {
        list_join: ['', ['tcp://', { yaql: { expression: expect.stringContaining('$.version = 4'), data: { get_attr: [n.name, 'addresses'] } } }, ':2375']],
      },
      image: 'apache/hadoop:3.3.6',
      name: 'herd-namenode',
      cmd: ['hdfs', 'namenode'],
      env: [],
      port_specs: ['8020'],
    });
    // the server only opens Docker to Heat and reports; it starts no container itself
    const userData = t.resources[n.name].properties.user_data as string;
    expect(userData).toMatch(/tcp:\/\/%s:%s/);
    expect(userData).not.toMatch(/docker run/);
    expect(userData).toContain("'herd-namenode' 'herd-zkfc' 'herd-resourcemanager'");
  });

  it('keeps hostile image, env, command and config contents as plain values: the structure is the one herd builds', () => {
    const hostileComp = comp('DATANODE', 20, {
      image: HOSTILE,
      command: ['sh', '-c', HOSTILE],
      env: { HOSTILE, OTHER: '{"get_file": "/etc/passwd"}' },
      configFiles: [{ path: '/opt/hadoop/etc/hadoop/core-site.xml', content: `<x>${HOSTILE}</x>` }],
    });
    const c = cluster([hostileComp, comp('NODEMANAGER', 40, { env: { A: HOSTILE } })]);
    c.name = HOSTILE;
    const t = nextTemplate(c, undefined, [{ node: node(0), group: group(c, 'anti-affinity') }, { node: node(1), group: group(c, 'anti-affinity') }], []);
    for (const text of [JSON.stringify(t), JSON.stringify(JSON.parse(JSON.stringify(t)))]) {
      const back = parse(text) as HotTemplate;
      expect(Object.keys(back)).toEqual(['heat_template_version', 'description', 'resources']);
      const perNode = (n: string) => [n, dockerStartKey(n), containerKey(n, 'DATANODE'), containerKey(n, 'NODEMANAGER')];
      expect(Object.keys(back.resources).sort()).toEqual([...perNode(node(0).name), ...perNode(node(1).name), serverGroupKey('master')].sort());
      const expectedFunctions = [0, 1].flatMap((i) => [
        `.resources.${node(i).name}.properties.scheduler_hints.group.get_resource`,
        ...['DATANODE', 'NODEMANAGER'].flatMap((k) => [
          `.resources.${containerKey(node(i).name, k)}.properties.docker_endpoint.list_join`,
          `.resources.${containerKey(node(i).name, k)}.properties.docker_endpoint.list_join[1][1].yaql`,
          `.resources.${containerKey(node(i).name, k)}.properties.docker_endpoint.list_join[1][1].yaql.data.get_attr`,
        ]),
      ]);
      expect(functionPaths(back).sort()).toEqual(expectedFunctions.sort());
      const dn = back.resources[containerKey(node(0).name, 'DATANODE')].properties;
      expect(Object.keys(dn).sort()).toEqual(['cmd', 'docker_endpoint', 'env', 'image', 'name', 'port_specs']);
      expect(dn.image).toBe(HOSTILE);
      expect(dn.cmd).toEqual(['/bin/sh', '-c', CONFIG_ENTRY_SCRIPT, 'herd-config', 'sh', '-c', HOSTILE]);
      expect(dn.env).toEqual([
        `HOSTILE=${HOSTILE}`,
        'OTHER={"get_file": "/etc/passwd"}',
        'HERD_CONFIG_PATH_0=/opt/hadoop/etc/hadoop/core-site.xml',
        `HERD_CONFIG_0=${Buffer.from(`<x>${HOSTILE}</x>`).toString('base64')}`,
      ]);
    }
  });

  it('delivers config files through the fixed entry script and runs the command with its arguments unchanged', () => {
    const dir = mkdtempSync(join(tmpdir(), 'herd-entry-'));
    try {
      const target = join(dir, 'etc', 'hadoop', 'core-site.xml');
      const props = containerProperties(comp('NAMENODE', 10, { command: ['printf', '%s|', HOSTILE, '$HOME'], configFiles: [{ path: target, content: `<x>${HOSTILE}</x>\n` }] }), 'tcp://x:2375');
      const env = Object.fromEntries((props.env as string[]).map((e) => [e.slice(0, e.indexOf('=')), e.slice(e.indexOf('=') + 1)]));
      const [shell, ...args] = props.cmd as string[];
      const out = execFileSync(shell, args, { env: { PATH: process.env.PATH, ...env }, encoding: 'utf8' });
      expect(out).toBe(`${HOSTILE}|$HOME|`);
      expect(readFileSync(target, 'utf8')).toBe(`<x>${HOSTILE}</x>\n`);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('drops everything a terminated node owns and nothing of a node whose name it prefixes', () => {
    const c = cluster([comp('NAMENODE', 10)]);
    const ten = { ...node(10) };
    const first = nextTemplate(c, undefined, [{ node: node(1), group: group(c) }, { node: ten, group: group(c) }], []);
    const second = nextTemplate(c, first, [], [node(1).name]);
    expect(Object.keys(second.resources)).toEqual([ten.name, dockerStartKey(ten.name), containerKey(ten.name, 'NAMENODE')]);
    expect(JSON.stringify(second.resources[containerKey(ten.name, 'NAMENODE')])).toBe(JSON.stringify(first.resources[containerKey(ten.name, 'NAMENODE')]));
  });

  it('refuses what cannot reach a Heat-made container safely', () => {
    const build = (extra: Partial<ComponentSpec>) => () => containerProperties(comp('NAMENODE', 10, extra), 'e');
    expect(build({ env: { HERD_CONFIG_0: 'x' } })).toThrow(/reserved/);
    expect(build({ env: { 'A B': 'x' } })).toThrow(FatalProviderError);
    expect(build({ command: [], configFiles: [{ path: '/a', content: 'x' }] })).toThrow(/explicit command/);
    expect(build({ configFiles: [{ path: '/etc/../x', content: '' }] })).toThrow(/absolute path/);
    expect(() => containerProperties(comp('A;B', 1), 'e')).toThrow(/not allowed/);
  });
});
