import { randomUUID } from 'node:crypto';
import type { ApplyHooks, ClusterSpec, NodeSpec } from '../../src/providers/spi';
import { defaultComponents } from '../../src/providers/spi/conformance';
import { nodeName } from '../../src/providers/spi';

/** A sim cluster spec: `master` (NAMENODE, RESOURCEMANAGER) x1 and `worker` (DATANODE, NODEMANAGER) x`workers`. */
export function simCluster(workers: number, tenantId: string = randomUUID()): ClusterSpec {
  const clusterId = randomUUID();
  return {
    clusterId,
    tenantId,
    name: `sim-${clusterId.slice(0, 8)}`,
    tag: clusterId,
    stack: { name: 'HDP', version: '3.1' },
    hostGroups: [
      { name: 'master', nodeCount: 1, instanceType: 'medium', components: defaultComponents(['NAMENODE', 'RESOURCEMANAGER']), options: {} },
      { name: 'worker', nodeCount: workers, instanceType: 'small', components: defaultComponents(['DATANODE', 'NODEMANAGER']), options: {} },
    ],
  };
}

export function wantedNodes(cluster: ClusterSpec): NodeSpec[] {
  return cluster.hostGroups.flatMap((group) => Array.from({ length: group.nodeCount }, (_, index) => ({ name: nodeName(cluster, group.name, index), hostGroup: group.name, index })));
}

export function recordingHooks(): ApplyHooks & { ids: Map<string, string> } {
  const ids = new Map<string, string>();
  return {
    ids,
    async resourceCreated(resource) {
      if (resource.node) ids.set(resource.node, resource.providerId);
    },
  };
}

/** A seeded pseudo-random generator (mulberry32), so a fault rate test sees the same draws each run. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
