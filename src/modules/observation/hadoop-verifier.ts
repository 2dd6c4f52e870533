import { Injectable } from '@nestjs/common';
import type { ClusterSpec, ObservedNode } from '../../providers/spi';
import { NAMENODE_INFO, endpointOf, fetchHadoopJson, liveNodesByHost } from './hadoop-http';

export interface Verification {
  ok: boolean;
  /** e.g. "3/3 DataNodes live, 3/3 NodeManagers active" */
  summary: string;
}

const RM_METRICS = '/ws/v1/cluster/metrics';
const RM_RUNNING_NODES = '/ws/v1/cluster/nodes?states=RUNNING';

/** One whole-cluster figure read from a master's endpoint, e.g. live DataNodes from the NameNode. */
export interface HadoopMeasurement {
  master: string;
  member: string;
  label: string;
  expected: number;
  /** Undefined when the master has no endpoint yet or did not answer. */
  actual: number | undefined;
  /** False when no master exposes an endpoint. */
  hasEndpoint: boolean;
  /** The ResourceManager's load, when it answered (what autoscaling policies read). */
  load?: YarnLoad;
}

/** The figures of the ResourceManager's `/ws/v1/cluster/metrics` that say how busy YARN is. */
export interface YarnLoad {
  appsPending: number;
  containersPending: number;
  allocatedMB: number;
  availableMB: number;
  totalMB: number;
}

/**
 * Verifies the cluster as a whole through its own Hadoop endpoints: the NameNode must count as
 * many live DataNodes, and the ResourceManager as many active NodeManagers, as were asked for.
 * Where the masters name their workers (the NameNode's LiveNodes, the ResourceManager's node list),
 * only the cluster's current nodes count: a removed worker stays "live" to its master for minutes
 * (HDFS and YARN wait 10 minutes before they call a silent worker dead), and a decommissioned one
 * is no longer in service.
 */
@Injectable()
export class HadoopVerifier {
  async verify(spec: ClusterSpec, kept: ObservedNode[]): Promise<Verification> {
    const parts = (await this.measure(spec, kept)).map(toVerification);
    return { ok: parts.every((part) => part.ok), summary: parts.length > 0 ? parts.map((part) => part.summary).join(', ') : 'no NameNode or ResourceManager to verify' };
  }

  /** The figures of every master the cluster has (a cluster without a NameNode has no DataNode figure). */
  async measure(spec: ClusterSpec, nodes: ObservedNode[]): Promise<HadoopMeasurement[]> {
    const results = await Promise.all(CHECKS.map((check) => this.check(spec, nodes, check)));
    return results.filter((result): result is HadoopMeasurement => result !== undefined);
  }

  private async check(spec: ClusterSpec, nodes: ObservedNode[], { master, member, label, path, read, load, roster }: Check): Promise<HadoopMeasurement | undefined> {
    const members = nodesWith(spec, nodes, member);
    const expected = members.length;
    const endpoint = endpointOf(nodes, master);
    if (!endpoint) return expected > 0 && hasComponent(spec, master) ? { master, member, label, expected, actual: undefined, hasEndpoint: false } : undefined;
    const hosts = new Set(members.map((node) => node.name));
    const [body, names] = await Promise.all([fetchHadoopJson(endpoint + path), roster ? fetchHadoopJson(endpoint + roster.path) : undefined]);
    const named = names === undefined ? undefined : roster?.read(names, hosts);
    const actual = named ?? (body === undefined ? undefined : read(body, hosts));
    const measured: HadoopMeasurement = { master, member, label, expected, actual, hasEndpoint: true };
    const busy = body === undefined ? undefined : load?.(body);
    return busy ? { ...measured, load: busy } : measured;
  }
}

function toVerification({ master, label, expected, actual, hasEndpoint }: HadoopMeasurement): Verification {
  if (!hasEndpoint) return { ok: false, summary: `${master} has no endpoint yet` };
  return { ok: actual === expected, summary: `${actual ?? '?'}/${expected} ${label}` };
}

/** How a member count is read: `hosts` are the names of the cluster's current nodes that run the member. */
type Reader = (body: unknown, hosts: Set<string>) => number | undefined;

interface Check {
  master: string;
  member: string;
  label: string;
  path: string;
  read: Reader;
  load?: (body: unknown) => YarnLoad | undefined;
  /** A second endpoint that names the members, preferred when it answers. */
  roster?: { path: string; read: Reader };
}

const CHECKS: Check[] = [
  { master: 'NAMENODE', member: 'DATANODE', label: 'DataNodes live', path: NAMENODE_INFO, read: liveDataNodes },
  { master: 'RESOURCEMANAGER', member: 'NODEMANAGER', label: 'NodeManagers active', path: RM_METRICS, read: activeNodeManagers, load: yarnLoad, roster: { path: RM_RUNNING_NODES, read: runningNodeManagers } },
];

function hasComponent(spec: ClusterSpec, component: string): boolean {
  return spec.hostGroups.some((group) => group.nodeCount > 0 && group.components.some((c) => c.name === component));
}

function nodesWith(spec: ClusterSpec, kept: ObservedNode[], component: string): ObservedNode[] {
  const groups = new Set(spec.hostGroups.filter((group) => group.components.some((c) => c.name === component)).map((group) => group.name));
  return kept.filter((node) => groups.has(node.hostGroup));
}


/**
 * The NameNode's in-service live DataNodes among `hosts`, from NameNodeInfo's LiveNodes (a JSON
 * string keyed `host:port`); NumLiveDataNodes where a NameNode does not name them.
 */
function liveDataNodes(body: unknown, hosts: Set<string>): number | undefined {
  const live = liveNodesByHost(body);
  if (live) return [...live].filter(([host, adminState]) => hosts.has(host) && adminState === 'In Service').length;
  const beans = (body as { beans?: { NumLiveDataNodes?: unknown }[] }).beans ?? [];
  const value = beans.find((bean) => typeof bean.NumLiveDataNodes === 'number')?.NumLiveDataNodes;
  return typeof value === 'number' ? value : undefined;
}

/** The hosts among `hosts` with a RUNNING NodeManager (`/ws/v1/cluster/nodes`; `node` is absent when there are none). */
function runningNodeManagers(body: unknown, hosts: Set<string>): number | undefined {
  const nodes = (body as { nodes?: { node?: { nodeHostName?: unknown; state?: unknown }[] } | null }).nodes;
  if (nodes === undefined) return undefined;
  // A NodeManager restarted on the same host registers under a new port: count hosts, not entries.
  const running = (nodes?.node ?? []).filter((node) => typeof node.nodeHostName === 'string' && hosts.has(node.nodeHostName) && (node.state ?? 'RUNNING') === 'RUNNING');
  return new Set(running.map((node) => node.nodeHostName)).size;
}

function activeNodeManagers(body: unknown): number | undefined {
  const value = (body as { clusterMetrics?: { activeNodes?: unknown } }).clusterMetrics?.activeNodes;
  return typeof value === 'number' ? value : undefined;
}

function yarnLoad(body: unknown): YarnLoad | undefined {
  const metrics = (body as { clusterMetrics?: Record<string, unknown> }).clusterMetrics;
  const fields = ['appsPending', 'containersPending', 'allocatedMB', 'availableMB', 'totalMB'] as const;
  if (!metrics || !fields.every((field) => typeof metrics[field] === 'number')) return undefined;
  return Object.fromEntries(fields.map((field) => [field, metrics[field]])) as unknown as YarnLoad;
}
