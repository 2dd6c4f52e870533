import type { ClusterTopology } from '../stacks';
import type { BlueprintShape } from './blueprint.model';

/**
 * The topology of a cluster built from a blueprint, given the host names of each host group's nodes
 * (e.g. the deterministic node names): which hosts run which component, in host group order.
 */
export function clusterTopology(layout: Pick<BlueprintShape, 'hostGroups'>, hostsByGroup: Record<string, string[]>): ClusterTopology {
  const hostsOfGroup = (group: string): string[] => (Object.hasOwn(hostsByGroup, group) ? [...hostsByGroup[group]!] : []);
  return {
    hostsOf: (component) => layout.hostGroups.filter((group) => group.components.includes(component)).flatMap((group) => hostsOfGroup(group.name)),
    hostsOfGroup,
  };
}
