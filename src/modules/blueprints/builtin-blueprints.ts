import type { BlueprintLayout } from './blueprint.model';
import { readBlueprintDocument } from './blueprint-document';

export interface BuiltInBlueprint {
  id: string;
  name: string;
  description: string;
  document: Record<string, unknown>;
  layout: BlueprintLayout;
}

const STACK = { stack_name: 'HADOOP', stack_version: '3.3' };
const components = (...names: string[]) => names.map((name) => ({ name }));
const CLIENTS = ['HDFS_CLIENT', 'YARN_CLIENT', 'MAPREDUCE2_CLIENT'];

/** Fixed ids: a cluster can name a built-in blueprint by id in every tenant and across releases. */
const DEFINITIONS: Omit<BuiltInBlueprint, 'layout'>[] = [
  {
    id: '00000000-0000-4000-8000-00000000b001',
    name: 'hadoop-single-master',
    description: 'One master (NameNode, SecondaryNameNode, ResourceManager, JobHistory) and any number of workers (DataNode, NodeManager).',
    document: {
      Blueprints: { blueprint_name: 'hadoop-single-master', ...STACK },
      configurations: [],
      host_groups: [
        { name: 'master', cardinality: '1', components: components('NAMENODE', 'SECONDARY_NAMENODE', 'RESOURCEMANAGER', 'HISTORYSERVER', ...CLIENTS) },
        { name: 'worker', cardinality: '1+', components: components('DATANODE', 'NODEMANAGER', ...CLIENTS) },
      ],
    },
  },
  {
    id: '00000000-0000-4000-8000-00000000b002',
    name: 'hadoop-multi-node',
    description: 'NameNode and ResourceManager on separate masters, a three-server ZooKeeper ensemble, timeline and history servers, workers and a gateway.',
    document: {
      Blueprints: { blueprint_name: 'hadoop-multi-node', ...STACK },
      configurations: [{ 'hdfs-site': { properties: { 'dfs.permissions.enabled': 'true' } } }],
      host_groups: [
        { name: 'master_1', cardinality: '1', components: components('NAMENODE', 'ZOOKEEPER_SERVER', 'HDFS_CLIENT') },
        { name: 'master_2', cardinality: '1', components: components('RESOURCEMANAGER', 'SECONDARY_NAMENODE', 'ZOOKEEPER_SERVER', ...CLIENTS) },
        { name: 'master_3', cardinality: '1', components: components('HISTORYSERVER', 'APP_TIMELINE_SERVER', 'ZOOKEEPER_SERVER', ...CLIENTS) },
        { name: 'worker', cardinality: '1+', components: components('DATANODE', 'NODEMANAGER') },
        { name: 'gateway', cardinality: '0+', components: components(...CLIENTS, 'ZOOKEEPER_CLIENT') },
      ],
    },
  },
  {
    id: '00000000-0000-4000-8000-00000000b003',
    name: 'hadoop-ha',
    description: 'High availability: two NameNodes with ZKFC and two ResourceManagers, three JournalNodes and a three-server ZooKeeper quorum, then workers.',
    document: {
      Blueprints: { blueprint_name: 'hadoop-ha', ...STACK },
      configurations: [],
      host_groups: [
        { name: 'master_1', cardinality: '1', components: components('NAMENODE', 'ZKFC', 'JOURNALNODE', 'ZOOKEEPER_SERVER', 'RESOURCEMANAGER', ...CLIENTS) },
        { name: 'master_2', cardinality: '1', components: components('NAMENODE', 'ZKFC', 'JOURNALNODE', 'ZOOKEEPER_SERVER', 'RESOURCEMANAGER', ...CLIENTS) },
        { name: 'master_3', cardinality: '1', components: components('JOURNALNODE', 'ZOOKEEPER_SERVER', 'HISTORYSERVER', 'APP_TIMELINE_SERVER', ...CLIENTS) },
        { name: 'worker', cardinality: '1+', components: components('DATANODE', 'NODEMANAGER') },
      ],
    },
  },
];

export const BUILT_IN_BLUEPRINTS: BuiltInBlueprint[] = DEFINITIONS.map((definition) => {
  const { layout, problems } = readBlueprintDocument(definition.document);
  if (!layout) throw new Error(`built-in blueprint ${definition.name} is malformed: ${JSON.stringify(problems)}`);
  return { ...definition, layout };
});
