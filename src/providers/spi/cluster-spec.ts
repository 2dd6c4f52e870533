/** The desired cluster as an adapter sees it: everything needed to build it, nothing of herd's internals. */
export interface ClusterSpec {
  clusterId: string;
  tenantId: string;
  /** The user's name for the cluster, for display only; never used to find resources. */
  name: string;
  /** The value every backend resource of this cluster is tagged or labelled with. */
  tag: string;
  stack: { name: string; version: string };
  hostGroups: HostGroupSpec[];
  /**
   * Where nodes that herd cannot reach report readiness and health (push health). Adapters whose
   * nodes boot from user_data make each node call this URL with its own `NodeSpec.callbackToken`.
   */
  callbackUrl?: string;
}

export interface HostGroupSpec {
  name: string;
  nodeCount: number;
  instanceType: string;
  components: ComponentSpec[];
  /** Adapter-specific options for this host group (image override, anti-affinity, volumes ...). */
  options: Record<string, unknown>;
}

export interface ComponentSpec {
  /** Ambari component name, e.g. NAMENODE. */
  name: string;
  image: string;
  command: string[];
  ports: ComponentPort[];
  /** HTTP path that answers when the component is healthy, on `healthPort`. */
  health?: { port: number; path: string };
  env: Record<string, string>;
  configFiles: { path: string; content: string }[];
  /**
   * What the component may use, in MB: heap, non-heap and, for a NodeManager, its containers. An
   * adapter that limits memory per component uses it; components without it share what is left.
   */
  memoryMb?: number;
  /** Lower starts first (ZooKeeper, NameNode, DataNodes, ResourceManager, NodeManagers, the rest). */
  startOrder: number;
}

export interface ComponentPort {
  name: string;
  port: number;
  protocol: 'tcp' | 'udp';
}

/** One node to create; its name is deterministic, so a retry finds what an earlier try made. */
export interface NodeSpec {
  name: string;
  hostGroup: string;
  index: number;
  /** The node's own secret for `ClusterSpec.callbackUrl`; herd keeps only its hash. */
  callbackToken?: string;
}

export function nodeName(cluster: Pick<ClusterSpec, 'tag'>, hostGroup: string, index: number): string {
  return `herd-${cluster.tag.slice(0, 8)}-${hostGroup}-${index}`.toLowerCase().replace(/[^a-z0-9-]/g, '-');
}
