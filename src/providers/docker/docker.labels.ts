import { nodeName, type ClusterSpec, type NodeSpec } from '../spi';

/** Labels carrying herd's ids, so describe and teardown work from the engine alone. */
export const LABEL = {
  cluster: 'io.herd.cluster',
  tenant: 'io.herd.tenant',
  hostGroup: 'io.herd.host-group',
  node: 'io.herd.node',
  nodeIndex: 'io.herd.node-index',
  component: 'io.herd.component',
  startOrder: 'io.herd.start-order',
  /** `node` for the sandbox that owns the node's network namespace, `component` for a Hadoop component. */
  role: 'io.herd.role',
} as const;

export type ContainerRole = 'node' | 'component';

export function clusterFilter(cluster: Pick<ClusterSpec, 'tag'>): { label: string[] } {
  return { label: [`${LABEL.cluster}=${cluster.tag}`] };
}

export function nodeFilter(cluster: Pick<ClusterSpec, 'tag'>, node: string): { label: string[] } {
  return { label: [`${LABEL.cluster}=${cluster.tag}`, `${LABEL.node}=${node}`] };
}

export function clusterLabels(cluster: Pick<ClusterSpec, 'tag' | 'tenantId'>): Record<string, string> {
  return { [LABEL.cluster]: cluster.tag, [LABEL.tenant]: cluster.tenantId };
}

export function nodeLabels(cluster: Pick<ClusterSpec, 'tag' | 'tenantId'>, node: NodeSpec, role: ContainerRole): Record<string, string> {
  return {
    ...clusterLabels(cluster),
    [LABEL.hostGroup]: node.hostGroup,
    [LABEL.node]: node.name,
    [LABEL.nodeIndex]: String(node.index),
    [LABEL.role]: role,
  };
}

/** Engine-wide names embed the whole tag: two clusters whose tags share a prefix never collide. */
function tagSlug(cluster: Pick<ClusterSpec, 'tag'>): string {
  return cluster.tag.toLowerCase().replace(/[^a-z0-9_.-]/g, '-');
}

export function networkName(cluster: Pick<ClusterSpec, 'tag'>): string {
  return `herd-${tagSlug(cluster)}`;
}

export function sandboxName(cluster: Pick<ClusterSpec, 'tag'>, node: Pick<NodeSpec, 'hostGroup' | 'index'>): string {
  return `herd-${tagSlug(cluster)}-${node.hostGroup.toLowerCase().replace(/[^a-z0-9_.-]/g, '-')}-${node.index}`;
}

export function componentContainerName(cluster: Pick<ClusterSpec, 'tag'>, node: Pick<NodeSpec, 'hostGroup' | 'index'>, component: string): string {
  return `${sandboxName(cluster, node)}--${component.toLowerCase().replace(/[^a-z0-9_.-]/g, '-')}`;
}

export function volumeName(cluster: Pick<ClusterSpec, 'tag'>, node: Pick<NodeSpec, 'hostGroup' | 'index'>, volume: string): string {
  return `${sandboxName(cluster, node)}--${volume}`;
}

/** The node's hostname and DNS names on the cluster network. */
export function nodeAliases(cluster: Pick<ClusterSpec, 'tag'>, node: NodeSpec): string[] {
  const short = `${node.hostGroup}-${node.index}`.toLowerCase().replace(/[^a-z0-9-]/g, '-');
  return [...new Set([node.name, nodeName(cluster, node.hostGroup, node.index), short])];
}
