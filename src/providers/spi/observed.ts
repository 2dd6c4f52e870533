import type { ComponentStatus, NodeStatus } from './node-status';

/** A node as the backend reports it, found by the cluster's tag. */
export interface ObservedNode {
  name: string;
  hostGroup: string;
  index: number;
  providerId: string;
  status: NodeStatus;
  /** The backend's own words when the node is in ERROR or otherwise unwell. */
  statusReason?: string;
  addresses: { private?: string; public?: string };
  components: ObservedComponent[];
}

export interface ObservedComponent {
  name: string;
  status: ComponentStatus;
  /** Base URL where herd can probe the component (pull health); absent when nodes push. */
  endpoint?: string;
  reason?: string;
}
