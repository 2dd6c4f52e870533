import type { ComponentPort } from '../../providers/spi';

export type ComponentCategory = 'master' | 'worker' | 'client';
export type ConfigFileFormat = 'hadoop-xml' | 'properties';

/** A configuration type (Ambari's "hdfs-site") and where its rendered file goes in the container. */
export interface ConfigFileDefinition {
  type: string;
  path: string;
  format: ConfigFileFormat;
}

/** How herd runs a component as a container. Components without one are accepted in blueprints but not run. */
export interface ProcessDefinition {
  image: string;
  command: string[];
  ports: ComponentPort[];
  health?: { port: number; path: string };
  env: Record<string, string>;
  configFiles: ConfigFileDefinition[];
}

export interface ComponentDependency {
  component: string;
  /** `cluster`: somewhere in the blueprint; `host`: in the same host group (Ambari's dependency scope). */
  scope: 'cluster' | 'host';
  /** Only when the blueprint runs HDFS or YARN in high availability (two NameNodes / ResourceManagers). */
  when?: 'hdfs-ha' | 'yarn-ha';
}

export interface ComponentDefinition {
  name: string;
  /** Ambari service the component belongs to (HDFS, YARN, ...); cardinality minimums apply once the service is used. */
  service: string;
  category: ComponentCategory;
  /** Ambari cardinality of the component across the cluster's hosts. */
  cardinality: string;
  /** Lower starts first: ZooKeeper, JournalNodes, NameNode, DataNodes, ResourceManager, NodeManagers, the rest. */
  startOrder: number;
  dependencies: ComponentDependency[];
  /** Ambari adds an `ALL` component to every host itself, so a blueprint may leave it out of some host groups. */
  autoDeploy?: boolean;
  process?: ProcessDefinition;
}

export interface StackRef {
  name: string;
  version: string;
}

export interface StackDefinition extends StackRef {
  description: string;
  /** Other names of the same line, e.g. HDP 2.6 for Apache Hadoop 2.7. */
  aliases: StackRef[];
  components: Record<string, ComponentDefinition>;
  /** Properties every cluster of the stack gets unless the blueprint sets them; values may use `{{host:X}}` placeholders. */
  defaults: Record<string, Record<string, string>>;
  /** JVM flags every MapReduce task JVM needs on the stack's Java (e.g. Java 17's --add-opens), added to the sized heap. */
  taskJvmOptions?: string;
}

/** Configuration types mapped to their properties, as merged from a blueprint. */
export type ConfigurationMap = Record<string, Record<string, string>>;

/** Where the cluster's components run, when known: lets config files name real hosts instead of aliases. */
export interface ClusterTopology {
  /** Host names running the component across the cluster, in a stable order. */
  hostsOf(component: string): string[];
  /** Host names of a host group, for Ambari's `%HOSTGROUP::name%` tokens. */
  hostsOfGroup?(hostGroup: string): string[];
}
