import { FieldProblem, ValidationFailed } from '../../common/errors';
import type { InstanceType } from '../../providers/spi';
import type { ConfigurationMap } from './stack.types';

/** What one node has to give its components: an instance type's memory and CPUs. */
export type NodeSize = Pick<InstanceType, 'memoryMb' | 'cpus'>;

/** The size assumed when the provider does not describe the node's instance type (e.g. an OpenStack flavor it does not list). */
export const DEFAULT_NODE_SIZE: NodeSize = { cpus: 2, memoryMb: 4096 };

/** Metaspace, thread stacks, direct buffers and the JVM itself, over the heap. */
const NON_HEAP_MB = 256;
/** Every MapReduce task and application master container, on every host group: they run wherever YARN puts them. */
const TASK_CONTAINER_MB = 512;
/** YARN rounds every request up to a multiple of this; small enough to pack task containers tightly. */
const MIN_ALLOCATION_MB = 256;
/** The least a NodeManager offers YARN: one task container. */
const MIN_NODEMANAGER_MB = 512;
/** The task JVM's heap within its container; the rest is the JVM's own non-heap memory. */
const TASK_HEAP_RATIO = 0.75;
const HEAP_ALIGN_MB = 64;
const YARN_ALIGN_MB = 256;

type Key = readonly [type: string, property: string];
const HADOOP_HEAPSIZE: Key = ['hadoop-env', 'hadoop_heapsize'];
const YARN_HEAPSIZE: Key = ['yarn-env', 'yarn_heapsize'];

interface DaemonSizing {
  /** Default heap: this fraction of the node's memory, within bounds. */
  share: number;
  maxMb: number;
  /** Ambari's properties that set the heap, the first one present wins. */
  keys: readonly Key[];
}

const MASTER = { share: 1 / 4, maxMb: 8192 } as const;
const WORKER = { share: 1 / 8, maxMb: 2048 } as const;

/** The Hadoop daemons herd sizes; other components (ZooKeeper, Hive, HBase, Spark) keep their images' own settings. */
const DAEMONS: Record<string, DaemonSizing> = {
  NAMENODE: { ...MASTER, keys: [['hadoop-env', 'namenode_heapsize'], HADOOP_HEAPSIZE] }, // holds the namespace: grows with files and blocks
  RESOURCEMANAGER: { ...MASTER, keys: [['yarn-env', 'resourcemanager_heapsize'], YARN_HEAPSIZE] }, // holds every application's state
  DATANODE: { ...WORKER, keys: [['hadoop-env', 'dtnode_heapsize'], HADOOP_HEAPSIZE] }, // streams blocks; data sits on disk, not the heap
  SECONDARY_NAMENODE: { ...WORKER, keys: [HADOOP_HEAPSIZE] },
  JOURNALNODE: { ...WORKER, keys: [HADOOP_HEAPSIZE] },
  ZKFC: { ...WORKER, keys: [HADOOP_HEAPSIZE] },
  NODEMANAGER: { ...WORKER, keys: [['yarn-env', 'nodemanager_heapsize'], YARN_HEAPSIZE] }, // its containers are separate JVMs
  APP_TIMELINE_SERVER: { ...WORKER, keys: [['yarn-env', 'apptimelineserver_heapsize'], YARN_HEAPSIZE] },
  HISTORYSERVER: { ...WORKER, keys: [['mapred-env', 'jobhistory_heapsize']] },
};

const HEAP_KEYS: readonly Key[] = [...new Map(Object.values(DAEMONS).flatMap((daemon) => daemon.keys.map((key) => [key.join('/'), key] as const))).values()];
const HEAP_SIZE = /^\s*([1-9][0-9]*)\s*([mMgG]?)\s*$/;
const HEAP_SIZE_RULE = 'must be a heap size in MB: a positive whole number, optionally ending in m or g, such as 1024, 1024m or 2g';

/** How the memory of one node is given out. */
export interface NodeMemoryPlan {
  /** Heap (MB) of each sized daemon on the node, for its container's HADOOP_HEAPSIZE_MAX. */
  heapsMb: Record<string, number>;
  /** Properties sized for the node; they go over the stack defaults and layout and under the blueprint's layers. */
  properties: ConfigurationMap;
}

function isSizedDaemon(component: string): boolean {
  return Object.hasOwn(DAEMONS, component);
}

/** Heap settings in `configuration` that are not heap sizes, each named by `fieldOf(type, property)`. */
export function heapSettingProblems(configuration: ConfigurationMap, fieldOf: (type: string, property: string) => string): FieldProblem[] {
  return HEAP_KEYS.filter(([type, property]) => {
    const value = configuration[type]?.[property];
    return value !== undefined && heapMb(value) === undefined;
  }).map(([type, property]) => ({ field: fieldOf(type, property), reason: HEAP_SIZE_RULE }));
}

/**
 * Sizes one node: the heap of each Hadoop daemon it runs (the configuration's Ambari heap settings,
 * else a share of the node's memory), the NodeManager's YARN memory and vcores (what the node has
 * left after its daemons), and the cluster-wide MapReduce container sizes. `components` are the
 * components that run as processes on the node; `configuration` is the merged configuration
 * without this plan, so that the blueprint's values are the ones read.
 */
export function planNodeMemory(node: NodeSize, components: string[], configuration: ConfigurationMap, taskJvmOptions?: string): NodeMemoryPlan {
  const problems = heapSettingProblems(configuration, (type, property) => `configurations.${type}.${property}`);
  if (problems.length > 0) throw new ValidationFailed(problems);

  const heapsMb = Object.fromEntries(components.filter(isSizedDaemon).map((name) => [name, heapOf(name, node, configuration)]));
  // What other components will need is unknown, so each is set aside what a worker daemon gets.
  const reserved = components.filter((name) => !isSizedDaemon(name)).length * (defaultHeapMb(WORKER, node) + NON_HEAP_MB);
  const daemons = Object.values(heapsMb).reduce((sum, heap) => sum + heap + NON_HEAP_MB, 0);
  const properties: ConfigurationMap = { 'yarn-site': { 'yarn.scheduler.minimum-allocation-mb': String(MIN_ALLOCATION_MB) }, 'mapred-site': taskProperties(configuration, taskJvmOptions) };
  if (components.includes('NODEMANAGER')) {
    properties['yarn-site'] = {
      ...properties['yarn-site'],
      'yarn.nodemanager.resource.memory-mb': String(Math.max(MIN_NODEMANAGER_MB, alignDown(node.memoryMb - daemons - reserved, YARN_ALIGN_MB))),
      'yarn.nodemanager.resource.cpu-vcores': String(node.cpus),
    };
  }
  return { heapsMb, properties };
}

/**
 * What each sized daemon may use (`ComponentSpec.memoryMb`): its heap and non-heap, and for a
 * NodeManager the YARN memory of the node's final `configuration`, where the blueprint may have set it.
 */
export function memoryBudgetsMb(plan: NodeMemoryPlan, configuration: ConfigurationMap): Record<string, number> {
  const yarn = wholeMb(configuration['yarn-site']?.['yarn.nodemanager.resource.memory-mb']) ?? wholeMb(plan.properties['yarn-site']?.['yarn.nodemanager.resource.memory-mb']) ?? 0;
  return Object.fromEntries(Object.entries(plan.heapsMb).map(([name, heap]) => [name, heap + NON_HEAP_MB + (name === 'NODEMANAGER' ? yarn : 0)]));
}

/** Map, reduce and application master containers, with a heap that follows a container size the blueprint sets. */
function taskProperties(configuration: ConfigurationMap, taskJvmOptions: string | undefined): Record<string, string> {
  const mapred = configuration['mapred-site'] ?? {};
  const properties: Record<string, string> = {};
  for (const [memory, opts] of [
    ['mapreduce.map.memory.mb', 'mapreduce.map.java.opts'],
    ['mapreduce.reduce.memory.mb', 'mapreduce.reduce.java.opts'],
    ['yarn.app.mapreduce.am.resource.mb', 'yarn.app.mapreduce.am.command-opts'],
  ] as const) {
    const container = wholeMb(mapred[memory]) ?? TASK_CONTAINER_MB;
    properties[memory] = String(container);
    properties[opts] = [`-Xmx${Math.floor(container * TASK_HEAP_RATIO)}m`, taskJvmOptions].filter(Boolean).join(' ');
  }
  return properties;
}

function heapOf(component: string, node: NodeSize, configuration: ConfigurationMap): number {
  const daemon = DAEMONS[component]!;
  for (const [type, property] of daemon.keys) {
    const value = configuration[type]?.[property];
    if (value !== undefined) return heapMb(value)!;
  }
  return defaultHeapMb(daemon, node);
}

function defaultHeapMb(daemon: Pick<DaemonSizing, 'share' | 'maxMb'>, node: NodeSize): number {
  return Math.min(daemon.maxMb, Math.max(256, alignDown(node.memoryMb * daemon.share, HEAP_ALIGN_MB)));
}

/** Ambari's heap values: MB, as "1024" or "1024m", or GB as "2g". */
function heapMb(value: string): number | undefined {
  const match = HEAP_SIZE.exec(value);
  if (!match) return undefined;
  const mb = Number(match[1]) * (match[2]!.toLowerCase() === 'g' ? 1024 : 1);
  return Number.isSafeInteger(mb) ? mb : undefined;
}

/** A property Hadoop reads as a whole number of MB; anything else (e.g. YARN's -1 for "detect") is not a size. */
function wholeMb(value: string | undefined): number | undefined {
  if (value === undefined || !/^\s*[1-9][0-9]*\s*$/.test(value)) return undefined;
  const mb = Number(value);
  return Number.isSafeInteger(mb) ? mb : undefined;
}

function alignDown(mb: number, step: number): number {
  return Math.floor(mb / step) * step;
}
