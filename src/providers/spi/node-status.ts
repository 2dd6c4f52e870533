/** The one node status every adapter maps its backend's states onto. */
export const NODE_STATUSES = ['PENDING', 'STARTING', 'RUNNING', 'STOPPING', 'STOPPED', 'TERMINATING', 'ERROR', 'UNKNOWN'] as const;
export type NodeStatus = (typeof NODE_STATUSES)[number];

export const COMPONENT_STATUSES = ['starting', 'running', 'stopped', 'failed', 'unknown'] as const;
export type ComponentStatus = (typeof COMPONENT_STATUSES)[number];
