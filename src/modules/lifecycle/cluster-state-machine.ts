import { DomainError } from '../../common/errors/domain-error';
import type { OperationType } from './operation.entity';

export const CLUSTER_STATUSES = [
  'REQUESTED',
  'PROVISIONING',
  'AVAILABLE',
  'UPDATING',
  'STOPPING',
  'STOPPED',
  'STARTING',
  'DELETING',
  'DELETED',
  'FAILED',
] as const;
export type ClusterStatus = (typeof CLUSTER_STATUSES)[number];

export const CLUSTER_HEALTHS = ['HEALTHY', 'DEGRADED', 'UNHEALTHY', 'UNKNOWN'] as const;
export type ClusterHealth = (typeof CLUSTER_HEALTHS)[number];

/**
 * The lifecycle in one table: for each status, the statuses it may move to. Worker code moves
 * clusters only through `assertTransition`, API code only through `REQUESTS`.
 * STOPPING and DELETING may also end in FAILED: a stop or a teardown can fail for good
 * (a revoked credential), and the user then needs a status that says so and allows a new delete.
 */
export const TRANSITIONS: Readonly<Record<ClusterStatus, readonly ClusterStatus[]>> = {
  REQUESTED: ['PROVISIONING', 'DELETING'],
  PROVISIONING: ['AVAILABLE', 'FAILED', 'DELETING'],
  AVAILABLE: ['UPDATING', 'STOPPING', 'DELETING'],
  UPDATING: ['AVAILABLE', 'FAILED', 'DELETING'],
  STOPPING: ['STOPPED', 'FAILED', 'DELETING'],
  STOPPED: ['STARTING', 'DELETING'],
  STARTING: ['AVAILABLE', 'FAILED', 'DELETING'],
  FAILED: ['PROVISIONING', 'DELETING'],
  DELETING: ['DELETED', 'FAILED'],
  DELETED: [],
};

/** A user request: which statuses accept it and the status it moves the cluster to at once. */
export interface RequestRule {
  from: readonly ClusterStatus[];
  to: ClusterStatus;
  /** Operations of these types that a request of this kind cancels instead of waiting for. */
  cancels: readonly OperationType[];
}

export const REQUESTS: Readonly<Record<OperationType, RequestRule>> = {
  create: { from: ['FAILED'], to: 'PROVISIONING', cancels: [] },
  scale: { from: ['AVAILABLE'], to: 'UPDATING', cancels: [] },
  repair: { from: ['AVAILABLE'], to: 'UPDATING', cancels: [] },
  stop: { from: ['AVAILABLE'], to: 'STOPPING', cancels: [] },
  start: { from: ['STOPPED'], to: 'STARTING', cancels: [] },
  delete: { from: CLUSTER_STATUSES.filter((s) => s !== 'DELETED' && s !== 'DELETING'), to: 'DELETING', cancels: ['create', 'scale', 'repair'] },
};

const VERB: Record<OperationType, string> = {
  create: 'retried',
  scale: 'scaled',
  repair: 'repaired',
  stop: 'stopped',
  start: 'started',
  delete: 'deleted',
};

export function canTransition(from: ClusterStatus, to: ClusterStatus): boolean {
  return TRANSITIONS[from].includes(to);
}

export function assertTransition(from: ClusterStatus, to: ClusterStatus): void {
  if (!canTransition(from, to)) {
    throw new DomainError('ILLEGAL_STATE', `A cluster cannot go from ${from} to ${to}`);
  }
}

/** The status a request moves the cluster to, or 409 naming the current status. */
export function statusAfterRequest(type: OperationType, current: ClusterStatus): ClusterStatus {
  const rule = REQUESTS[type];
  if (!rule.from.includes(current)) {
    const allowed = rule.from.length === 1 ? `it is ${rule.from[0]}` : `it is one of ${rule.from.join(', ')}`;
    throw new DomainError('ILLEGAL_STATE', `The cluster is ${current}; it can be ${VERB[type]} only when ${allowed}`);
  }
  assertTransition(current, rule.to);
  return rule.to;
}
