import { Injectable } from '@nestjs/common';
import type { ClusterSpec, ObservedNode } from '../../../providers/spi';

export interface Verification {
  ok: boolean;
  /** e.g. "3/3 DataNodes live, 3/3 NodeManagers active" */
  summary: string;
}

const NAMENODE_STATE = '/jmx?qry=Hadoop:service=NameNode,name=FSNamesystemState';
const RM_METRICS = '/ws/v1/cluster/metrics';
const PROBE_TIMEOUT_MS = 5_000;

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

  private async check(spec: ClusterSpec, nodes: ObservedNode[], { master, member, label, path, read, load }: Check): Promise<HadoopMeasurement | undefined> {
    const expected = countWith(spec, nodes, member);
    const endpoint = endpointOf(nodes, master);
    if (!endpoint) return expected > 0 && hasComponent(spec, master) ? { master, member, label, expected, actual: undefined, hasEndpoint: false } : undefined;
    const body = await fetchJson(endpoint + path);
    const measured: HadoopMeasurement = { master, member, label, expected, actual: body === undefined ? undefined : read(body), hasEndpoint: true };
    const busy = body === undefined ? undefined : load?.(body);
    return busy ? { ...measured, load: busy } : measured;
  }
}

function toVerification({ master, label, expected, actual, hasEndpoint }: HadoopMeasurement): Verification {
  if (!hasEndpoint) return { ok: false, summary: `${master} has no endpoint yet` };
  return { ok: actual === expected, summary: `${actual ?? '?'}/${expected} ${label}` };
}

interface Check {
  master: string;
  member: string;
  label: string;
  path: string;
  read: (body: unknown) => number | undefined;
  load?: (body: unknown) => YarnLoad | undefined;
}

const CHECKS: Check[] = [
  { master: 'NAMENODE', member: 'DATANODE', label: 'DataNodes live', path: NAMENODE_STATE, read: liveDataNodes },
  { master: 'RESOURCEMANAGER', member: 'NODEMANAGER', label: 'NodeManagers active', path: RM_METRICS, read: activeNodeManagers, load: yarnLoad },
];

function hasComponent(spec: ClusterSpec, component: string): boolean {
  return spec.hostGroups.some((group) => group.nodeCount > 0 && group.components.some((c) => c.name === component));
}

function countWith(spec: ClusterSpec, kept: ObservedNode[], component: string): number {
  const groups = new Set(spec.hostGroups.filter((group) => group.components.some((c) => c.name === component)).map((group) => group.name));
  return kept.filter((node) => groups.has(node.hostGroup)).length;
}

function endpointOf(nodes: ObservedNode[], component: string): string | undefined {
  for (const node of nodes) {
    const found = node.components.find((c) => c.name === component && c.endpoint);
    if (found?.endpoint) return found.endpoint.replace(/\/$/, '');
  }
  return undefined;
}

async function fetchJson(url: string): Promise<unknown> {
  try {
    const response = await fetch(url, { signal: AbortSignal.timeout(PROBE_TIMEOUT_MS) });
    return response.ok ? await response.json() : undefined;
  } catch {
    return undefined;
  }
}

function liveDataNodes(body: unknown): number | undefined {
  const beans = (body as { beans?: { NumLiveDataNodes?: unknown }[] }).beans ?? [];
  const value = beans.find((bean) => typeof bean.NumLiveDataNodes === 'number')?.NumLiveDataNodes;
  return typeof value === 'number' ? value : undefined;
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
