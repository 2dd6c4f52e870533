import { describe, expect, it } from 'vitest';
import { StackCatalog } from '../stacks';
import { BUILT_IN_BLUEPRINTS } from './builtin-blueprints';
import { clusterTopology } from './cluster-topology';

describe('clusterTopology', () => {
  const ha = BUILT_IN_BLUEPRINTS.find((b) => b.name === 'hadoop-ha')!.layout;
  const topology = clusterTopology(ha, { master_1: ['m1'], master_2: ['m2'], master_3: ['m3'], worker: ['w1', 'w2', 'w3'] });

  it('lists the hosts of each component across host groups', () => {
    expect(topology.hostsOf('NAMENODE')).toEqual(['m1', 'm2']);
    expect(topology.hostsOf('JOURNALNODE')).toEqual(['m1', 'm2', 'm3']);
    expect(topology.hostsOf('DATANODE')).toEqual(['w1', 'w2', 'w3']);
    expect(topology.hostsOf('HBASE_MASTER')).toEqual([]);
    expect(topology.hostsOfGroup!('toString')).toEqual([]);
  });

  it('feeds the HA configuration of the built-in HA blueprint', () => {
    const catalog = new StackCatalog({ stacksFile: undefined });
    const specs = catalog.componentSpecs(catalog.resolve('HADOOP', '3.3'), ha.hostGroups[0]!.components, [], topology);
    expect(specs.map((s) => s.name)).toEqual(['ZOOKEEPER_SERVER', 'JOURNALNODE', 'NAMENODE', 'ZKFC', 'RESOURCEMANAGER']);
    const yarnSite = specs.find((s) => s.name === 'RESOURCEMANAGER')!.configFiles.find((f) => f.path.endsWith('yarn-site.xml'))!.content;
    expect(yarnSite).toContain('<name>yarn.resourcemanager.hostname.rm2</name>\n    <value>m2</value>');
    expect(yarnSite).toContain('<name>yarn.resourcemanager.ha.enabled</name>\n    <value>true</value>');
  });
});
