import type { ClusterSpec, NodeSpec } from '../spi';

/** The prefix every node name of a cluster starts with (SPI `nodeName()` without host group and index). */
export function nodeNamePrefix(cluster: Pick<ClusterSpec, 'tag'>): string {
  return `herd-${cluster.tag.slice(0, 8)}-`.toLowerCase().replace(/[^a-z0-9-]/g, '-');
}

/** A per-cluster, per-host-group resource name (server groups, stacks) built from the full tag. */
export function clusterResourceName(cluster: Pick<ClusterSpec, 'tag'>, suffix?: string): string {
  const base = `herd-${cluster.tag}${suffix ? `-${suffix}` : ''}`;
  return base.toLowerCase().replace(/[^a-z0-9-]/g, '-').slice(0, 200);
}

/** Metadata keys herd writes on every server it makes. */
export const META = {
  cluster: 'herd_cluster',
  tag: 'herd_tag',
  hostGroup: 'herd_host_group',
  index: 'herd_node_index',
} as const;

/** herd's ids on a server (values are limited to 255 characters by Nova). */
export function serverMetadata(cluster: ClusterSpec, node: Pick<NodeSpec, 'hostGroup' | 'index'>): Record<string, string> {
  return {
    [META.cluster]: cluster.clusterId.slice(0, 255),
    [META.tag]: cluster.tag.slice(0, 255),
    [META.hostGroup]: node.hostGroup.slice(0, 255),
    [META.index]: String(node.index),
  };
}
