import { randomUUID } from 'node:crypto';
import { ClusterSpec, NodeSpec, nodeName } from '../cluster-spec';
import type { ConformanceHostGroup, ResolvedConformanceOptions } from './options';

/** A fresh cluster spec with its own tag, so test runs never see each other's nodes. */
export function conformanceCluster(options: ResolvedConformanceOptions, instanceType: string, hostGroups: ConformanceHostGroup[] = options.hostGroups): ClusterSpec {
  const clusterId = randomUUID();
  return {
    clusterId,
    tenantId: options.tenantId,
    name: `conformance-${clusterId.slice(0, 8)}`,
    tag: clusterId,
    stack: options.stack,
    hostGroups: hostGroups.map((group) => ({
      name: group.name,
      nodeCount: group.nodeCount,
      instanceType,
      components: group.components,
      options: group.options ?? {},
    })),
  };
}

/** Node specs for indexes [from, to) of a host group. */
export function nodeSpecs(cluster: ClusterSpec, hostGroup: string, from: number, to: number): NodeSpec[] {
  const specs: NodeSpec[] = [];
  for (let index = from; index < to; index++) specs.push({ name: nodeName(cluster, hostGroup, index), hostGroup, index });
  return specs;
}

/** Every node the spec asks for. */
export function allNodeSpecs(cluster: ClusterSpec): NodeSpec[] {
  return cluster.hostGroups.flatMap((group) => nodeSpecs(cluster, group.name, 0, group.nodeCount));
}
