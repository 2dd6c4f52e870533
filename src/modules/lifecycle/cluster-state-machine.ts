import { DomainError } from '../../common/errors';
import { OPERATION_KINDS, type OperationType } from './operation-kinds';

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
 * clusters only through `assertTransition`, requests only through `statusAfterRequest`.
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
  const kind = OPERATION_KINDS[type];
  if (!kind.requestedFrom.includes(current)) {
    const allowed = kind.requestedFrom.length === 1 ? `it is ${kind.requestedFrom[0]}` : `it is one of ${kind.requestedFrom.join(', ')}`;
    throw new DomainError('ILLEGAL_STATE', `The cluster is ${current}; it can be ${kind.verb} only when ${allowed}`);
  }
  assertTransition(current, kind.requestedTo);
  return kind.requestedTo;
}
