import { describe, expect, it } from 'vitest';
import { fixture, smallBlueprint } from '../../../test/support/blueprint-fixtures';
import { StackCatalog } from '../stacks';
import { readBlueprintDocument } from './blueprint-document';
import type { BlueprintLayout } from './blueprint.model';
import { checkBlueprintAgainstStack, checkHeapSettings, checkHostGroupSizes } from './blueprint-rules';
import { BUILT_IN_BLUEPRINTS } from './builtin-blueprints';

const catalog = new StackCatalog({ stacksFile: undefined });

function layoutOf(document: unknown): BlueprintLayout {
  const { layout, problems } = readBlueprintDocument(document);
  expect(problems).toEqual([]);
  return layout!;
}

function check(document: unknown) {
  const layout = layoutOf(document);
  return checkBlueprintAgainstStack(layout, catalog.resolve(layout.stack.name, layout.stack.version));
}

function withGroups(...groups: [name: string, components: string[], cardinality?: string][]) {
  return { Blueprints: { stack_name: 'HADOOP', stack_version: '3.3' }, host_groups: groups.map(([name, components, cardinality]) => ({ name, components: components.map((c) => ({ name: c })), ...(cardinality ? { cardinality } : {}) })) };
}

const HA = withGroups(
  ['master_1', ['NAMENODE', 'ZKFC', 'JOURNALNODE', 'ZOOKEEPER_SERVER', 'RESOURCEMANAGER'], '1'],
  ['master_2', ['NAMENODE', 'ZKFC', 'JOURNALNODE', 'ZOOKEEPER_SERVER', 'RESOURCEMANAGER'], '1'],
  ['master_3', ['JOURNALNODE', 'ZOOKEEPER_SERVER'], '1'],
  ['worker', ['DATANODE', 'NODEMANAGER'], '1+'],
);

describe('checkBlueprintAgainstStack', () => {
  it('accepts the real Cloudbreak default and Ambari-form blueprints as they are', () => {
    expect(check(fixture('cloudbreak-hdp-small-default.bp'))).toEqual([]);
    expect(check(fixture('ambari-export-hdp26.json'))).toEqual([]);
    expect(check(fixture('ambari-docs-ranger-hdp23.json'))).toEqual([]);
  });

  it('accepts every built-in blueprint', () => {
    for (const builtIn of BUILT_IN_BLUEPRINTS) expect(check(builtIn.document), builtIn.name).toEqual([]);
  });

  it('names components the stack does not know', () => {
    const body = smallBlueprint();
    body.host_groups[1].components.push({ name: 'FLUX_CAPACITOR' });
    expect(check(body)).toEqual([{ field: 'host_groups[1].components[2].name', reason: expect.stringContaining('FLUX_CAPACITOR is not a component of stack HDP 2.6') }]);
  });

  it('points at each dependent component whose dependency is missing', () => {
    expect(check(withGroups(['workers', ['DATANODE', 'NODEMANAGER']]))).toEqual(
      expect.arrayContaining([
        { field: 'host_groups[0].components[0].name', reason: 'DATANODE needs NAMENODE somewhere in the blueprint' },
        { field: 'host_groups[0].components[1].name', reason: 'NODEMANAGER needs RESOURCEMANAGER somewhere in the blueprint' },
        { field: 'host_groups', reason: expect.stringContaining('uses HDFS but no host group has NAMENODE') },
      ]),
    );
    expect(check(withGroups(['m', ['NAMENODE', 'RESOURCEMANAGER', 'HIVE_SERVER', 'HBASE_MASTER']], ['w', ['DATANODE', 'NODEMANAGER', 'HBASE_REGIONSERVER']]))).toEqual(
      expect.arrayContaining([
        { field: 'host_groups[0].components[2].name', reason: 'HIVE_SERVER needs HIVE_METASTORE somewhere in the blueprint' },
        { field: 'host_groups[0].components[3].name', reason: 'HBASE_MASTER needs ZOOKEEPER_SERVER somewhere in the blueprint' },
      ]),
    );
  });

  it('needs a service\'s required components once any of its components is used', () => {
    expect(check(withGroups(['m', ['NAMENODE', 'ZOOKEEPER_CLIENT']], ['w', ['DATANODE']]))).toEqual([
      { field: 'host_groups', reason: 'the blueprint uses ZOOKEEPER but no host group has ZOOKEEPER_SERVER (cardinality 1+)' },
    ]);
  });

  it('refuses more hosts than a component allows, counting each host group at its declared minimum', () => {
    const three = withGroups(['a', ['NAMENODE'], '1'], ['b', ['NAMENODE'], '1'], ['c', ['NAMENODE'], '1'], ['w', ['DATANODE']]);
    expect(check(three)).toContainEqual({ field: 'host_groups[0].components[0].name', reason: expect.stringContaining('host groups a, b, c give it at least 3') });
    expect(check(withGroups(['m', ['NAMENODE'], '2+'], ['w', ['DATANODE']]))).toContainEqual({
      field: 'host_groups[0].components[0].name',
      reason: 'NAMENODE with two NameNodes (HA) needs JOURNALNODE somewhere in the blueprint',
    });
  });

  it('requires ZKFC beside each NameNode, JournalNodes and ZooKeeper once there are two NameNodes', () => {
    expect(check(HA)).toEqual([]);
    const withoutZkfc = withGroups(['master_1', ['NAMENODE', 'ZKFC', 'JOURNALNODE', 'ZOOKEEPER_SERVER', 'RESOURCEMANAGER']], ['master_2', ['NAMENODE', 'JOURNALNODE']], ['worker', ['DATANODE', 'NODEMANAGER']]);
    expect(check(withoutZkfc)).toEqual([{ field: 'host_groups[1].components[0].name', reason: 'NAMENODE with two NameNodes (HA) needs ZKFC in the same host group' }]);
    const bare = withGroups(['master_1', ['NAMENODE', 'RESOURCEMANAGER']], ['master_2', ['NAMENODE', 'SECONDARY_NAMENODE']], ['worker', ['DATANODE', 'NODEMANAGER']]);
    expect(check(bare)).toEqual(
      expect.arrayContaining([
        { field: 'host_groups[0].components[0].name', reason: 'NAMENODE with two NameNodes (HA) needs JOURNALNODE somewhere in the blueprint' },
        { field: 'host_groups[0].components[0].name', reason: 'NAMENODE with two NameNodes (HA) needs ZOOKEEPER_SERVER somewhere in the blueprint' },
        { field: 'host_groups[1].components[1].name', reason: expect.stringContaining('SECONDARY_NAMENODE cannot run beside two NameNodes') },
      ]),
    );
  });

  it('requires an ALL component in every host group unless Ambari deploys it itself', () => {
    const partial = withGroups(['m', ['NAMENODE', 'METRICS_COLLECTOR', 'METRICS_MONITOR']], ['w', ['DATANODE']]);
    expect(check(partial)).toEqual([]);
    const strict = structuredClone(catalog.resolve('HADOOP', '3.3'));
    delete strict.components.METRICS_MONITOR!.autoDeploy;
    expect(checkBlueprintAgainstStack(layoutOf(partial), strict)).toEqual([{ field: 'host_groups[1].components', reason: 'must include METRICS_MONITOR, whose cardinality is ALL' }]);
  });
});

describe('checkHostGroupSizes', () => {
  const small = layoutOf(smallBlueprint());
  const hadoop27 = catalog.resolve('HDP', '2.6');

  it('accepts sizes within every cardinality', () => {
    expect(checkHostGroupSizes(small, hadoop27, { master: 1, worker: 5 })).toEqual([]);
  });

  it('needs a size for every host group, and only for them', () => {
    expect(checkHostGroupSizes(small, hadoop27, { master: 1, workers: 2 }, 'hostGroups')).toEqual([
      { field: 'hostGroups.workers', reason: 'is not a host group of the blueprint; its host groups are master, worker' },
      { field: 'hostGroups.worker', reason: 'is required: every host group of the blueprint needs a node count' },
    ]);
    expect(checkHostGroupSizes(small, hadoop27, { master: 1.5, worker: -1 })).toEqual([
      { field: 'hostGroups.master', reason: expect.stringContaining('whole number') },
      { field: 'hostGroups.worker', reason: expect.stringContaining('whole number') },
    ]);
    expect(checkHostGroupSizes(small, hadoop27, [1, 2])).toEqual([{ field: 'hostGroups', reason: expect.stringContaining('master, worker') }]);
  });

  it('counts hosts across host groups, as Ambari does', () => {
    expect(checkHostGroupSizes(small, hadoop27, { master: 3, worker: 2 }, 'sizes')).toEqual([
      { field: 'sizes.master', reason: 'NAMENODE would run on 3 hosts (master: 3), but its cardinality 1-2 allows between 1 and 2' },
      { field: 'sizes.master', reason: 'RESOURCEMANAGER would run on 3 hosts (master: 3), but its cardinality 1-2 allows between 1 and 2' },
    ]);
    expect(checkHostGroupSizes(small, hadoop27, { master: 1, worker: 0 })).toEqual([
      { field: 'hostGroups.worker', reason: 'DATANODE would run on 0 hosts (worker: 0), but its cardinality 1+ allows at least 1' },
      { field: 'hostGroups.worker', reason: 'NODEMANAGER would run on 0 hosts (worker: 0), but its cardinality 1+ allows at least 1' },
    ]);
  });

  it('reports dependencies left without hosts', () => {
    const stack = structuredClone(catalog.resolve('HADOOP', '3.3'));
    stack.components.NODEMANAGER!.dependencies.push({ component: 'APP_TIMELINE_SERVER', scope: 'cluster' });
    const layout = layoutOf(withGroups(['master', ['NAMENODE', 'RESOURCEMANAGER']], ['timeline', ['APP_TIMELINE_SERVER']], ['worker', ['DATANODE', 'NODEMANAGER']]));
    expect(checkHostGroupSizes(layout, stack, { master: 1, timeline: 1, worker: 2 })).toEqual([]);
    expect(checkHostGroupSizes(layout, stack, { master: 1, timeline: 0, worker: 2 })).toEqual([
      { field: 'hostGroups.worker', reason: 'NODEMANAGER runs on 2 host(s) but APP_TIMELINE_SERVER, which it needs, on none (timeline: 0)' },
    ]);
  });

  it('needs odd quorums of at least three JournalNodes and ZooKeeper servers for HA', () => {
    const ha = layoutOf(HA);
    const hadoop3 = catalog.resolve('HADOOP', '3.3');
    expect(checkHostGroupSizes(ha, hadoop3, { master_1: 1, master_2: 1, master_3: 1, worker: 3 })).toEqual([]);
    expect(checkHostGroupSizes(ha, hadoop3, { master_1: 1, master_2: 1, master_3: 2, worker: 3 })).toEqual([
      { field: 'hostGroups.master_1', reason: 'NameNode HA needs an odd number of at least 3 JOURNALNODEs to keep a quorum; this cluster would have 4' },
      { field: 'hostGroups.master_1', reason: 'NameNode HA with automatic failover needs an odd number of at least 3 ZOOKEEPER_SERVERs to keep a quorum; this cluster would have 4' },
    ]);
    expect(checkHostGroupSizes(ha, hadoop3, { master_1: 1, master_2: 1, master_3: 0, worker: 3 })).toEqual([
      { field: 'hostGroups.master_1', reason: expect.stringContaining('at least 3 JOURNALNODEs to keep a quorum; this cluster would have 2') },
      { field: 'hostGroups.master_1', reason: expect.stringContaining('at least 3 ZOOKEEPER_SERVERs to keep a quorum; this cluster would have 2') },
    ]);
    expect(checkHostGroupSizes(ha, hadoop3, { master_1: 2, master_2: 0, master_3: 1, worker: 3 })).toEqual([]);
  });

  it('accepts the Cloudbreak default at its declared sizes', () => {
    const cloudbreak = layoutOf(fixture('cloudbreak-hdp-small-default.bp'));
    const sizes = Object.fromEntries(cloudbreak.hostGroups.map((g) => [g.name, Number(g.cardinality)]));
    expect(checkHostGroupSizes(cloudbreak, catalog.resolve('HDP', '2.4'), sizes)).toEqual([]);
  });
});

describe('checkHeapSettings', () => {
  it('names each heap setting that is not a size, in the cluster or a host group configuration', () => {
    const document = {
      Blueprints: { stack_name: 'HADOOP', stack_version: '3.5' },
      configurations: [{ 'hadoop-env': { properties: { namenode_heapsize: '1.5g', dtnode_heapsize: '1024m' } } }],
      host_groups: [
        { name: 'master', components: [{ name: 'NAMENODE' }, { name: 'RESOURCEMANAGER' }] },
        { name: 'worker', components: [{ name: 'DATANODE' }, { name: 'NODEMANAGER' }], configurations: [{ 'yarn-env': { nodemanager_heapsize: 'half' } }] },
      ],
    };
    expect(checkHeapSettings(layoutOf(document), 'ambariBlueprint')).toEqual([
      { field: 'ambariBlueprint.configurations.hadoop-env.namenode_heapsize', reason: expect.stringContaining('must be a heap size in MB') },
      { field: 'ambariBlueprint.host_groups[1].configurations.yarn-env.nodemanager_heapsize', reason: expect.stringContaining('must be a heap size in MB') },
    ]);
  });

  it('accepts the heap settings of a blueprint exported from a real Ambari', () => {
    const exported = layoutOf(fixture('ambari-export-hdp26.json'));
    expect(exported.configurations['hadoop-env']).toMatchObject({ namenode_heapsize: '1024m', dtnode_heapsize: '1024m' });
    expect(checkHeapSettings(exported)).toEqual([]);
  });
});
