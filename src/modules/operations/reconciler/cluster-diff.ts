import { ClusterSpec, NodeSpec, nodeName, ObservedNode } from '../../../providers/spi';

export type PowerGoal = 'running' | 'stopped';

/** What must change for the observed nodes to match the desired counts. */
export interface ClusterDiff {
  launch: NodeSpec[];
  terminate: ObservedNode[];
  start: ObservedNode[];
  stop: ObservedNode[];
  /** The nodes that make up the cluster once the plan is carried out. */
  kept: ObservedNode[];
  /** Nodes in ERROR that the plan replaces. */
  replaced: ObservedNode[];
}

const GONE = new Set(['TERMINATING']);

/**
 * Level-triggered: from one observation, decide the whole plan. Per host group it keeps the
 * `nodeCount` best nodes (ready first, never ERROR, lowest index first, one per name), terminates the rest
 * and launches the missing ones under the lowest free indices. Two workers with the same
 * observation make the same plan, so a taken-over job never launches a second copy.
 */
export function diffCluster(spec: ClusterSpec, observed: ObservedNode[], goal: PowerGoal): ClusterDiff {
  const diff: ClusterDiff = { launch: [], terminate: [], start: [], stop: [], kept: [], replaced: [] };
  const wanted = new Map(spec.hostGroups.map((group) => [group.name, group.nodeCount]));
  const live = observed.filter((node) => !GONE.has(node.status));
  const taken = new Set(observed.map((node) => node.name));

  for (const node of live) if (!wanted.has(node.hostGroup)) diff.terminate.push(node);

  for (const group of spec.hostGroups) {
    const seen = new Set<string>();
    const candidates: ObservedNode[] = [];
    for (const node of live.filter((n) => n.hostGroup === group.name).sort(byRank)) {
      if (seen.has(node.name)) {
        diff.terminate.push(node);
        continue;
      }
      seen.add(node.name);
      if (node.status === 'ERROR') {
        diff.terminate.push(node);
        diff.replaced.push(node);
        continue;
      }
      candidates.push(node);
    }
    const kept = candidates.slice(0, group.nodeCount);
    diff.terminate.push(...candidates.slice(group.nodeCount));
    diff.kept.push(...kept);
    let index = 0;
    for (let missing = group.nodeCount - kept.length; missing > 0; missing--) {
      while (taken.has(nodeName(spec, group.name, index))) index++;
      const name = nodeName(spec, group.name, index);
      taken.add(name);
      diff.launch.push({ name, hostGroup: group.name, index });
    }
  }

  for (const node of diff.kept) {
    if (goal === 'running' && (node.status === 'STOPPED' || node.status === 'STOPPING')) diff.start.push(node);
    if (goal === 'stopped' && (node.status === 'RUNNING' || node.status === 'STARTING')) diff.stop.push(node);
  }
  return diff;
}

/** Healthy nodes first, then nodes on their way, nodes in ERROR last; by index within each. */
function byRank(a: ObservedNode, b: ObservedNode): number {
  return rank(a) - rank(b) || a.index - b.index || a.providerId.localeCompare(b.providerId);
}

function rank(node: ObservedNode): number {
  if (node.status === 'ERROR') return 2;
  return isReady(node) ? 0 : 1;
}

export function hasChanges(diff: ClusterDiff): boolean {
  return diff.launch.length + diff.terminate.length + diff.start.length + diff.stop.length > 0;
}

/** Running with every component running: what "ready" means for a node. */
export function isReady(node: ObservedNode): boolean {
  return node.status === 'RUNNING' && node.components.every((component) => component.status === 'running');
}
