import type { JobName } from '../../queue/job-catalogue';
import type { ClusterStatus } from './cluster-state-machine';
import type { DesiredHostGroup } from './cluster.entity';

export const OPERATION_TYPES = ['create', 'scale', 'stop', 'start', 'delete', 'repair'] as const;
export type OperationType = (typeof OPERATION_TYPES)[number];

/** What each kind of operation was asked, as kept in `operations.params`. */
export interface OperationParams {
  create: Record<string, never>;
  /** The sizes before the scale, to restore them when it fails. */
  scale: { hostGroup: string; from: number; to: number; previousHostGroups: DesiredHostGroup[] };
  stop: Record<string, never>;
  start: Record<string, never>;
  /** The operation this delete cancelled, whose resources it must also remove. */
  delete: { cancelledOperationId?: string };
  repair: Record<string, never>;
}

/** One kind of operation, from the request to its end. */
export interface OperationKind {
  /** The job that carries it out. */
  job: JobName;
  /** The statuses that accept the request, and the status the request moves the cluster to at once. */
  requestedFrom: readonly ClusterStatus[];
  requestedTo: ClusterStatus;
  /** The status a worker moves the cluster to when it starts the run, where it differs from `requestedTo`. */
  runningAs?: ClusterStatus;
  /** Where the cluster goes when the run fails in a way its handler did not foresee. */
  unforeseenFailure: ClusterStatus;
  /** Operations that a request of this kind cancels instead of waiting for them. */
  cancels: readonly OperationType[];
  /** The request in a 409's words: "it can be <verb> only when …". */
  verb: string;
}

const LIVE: readonly ClusterStatus[] = ['REQUESTED', 'PROVISIONING', 'AVAILABLE', 'UPDATING', 'STOPPING', 'STOPPED', 'STARTING', 'FAILED'];

/** The one catalogue of operation kinds; the state machine, the intake and the runner all read it. */
export const OPERATION_KINDS: Readonly<Record<OperationType, OperationKind>> = {
  // A first create is written with its cluster (REQUESTED); a request to create again is the retry of a FAILED one.
  create: { job: 'cluster.create', requestedFrom: ['FAILED'], requestedTo: 'PROVISIONING', runningAs: 'PROVISIONING', unforeseenFailure: 'FAILED', cancels: [], verb: 'retried' },
  scale: { job: 'cluster.scale', requestedFrom: ['AVAILABLE'], requestedTo: 'UPDATING', unforeseenFailure: 'AVAILABLE', cancels: [], verb: 'scaled' },
  repair: { job: 'cluster.repair', requestedFrom: ['AVAILABLE'], requestedTo: 'UPDATING', unforeseenFailure: 'AVAILABLE', cancels: [], verb: 'repaired' },
  stop: { job: 'cluster.stop', requestedFrom: ['AVAILABLE'], requestedTo: 'STOPPING', unforeseenFailure: 'FAILED', cancels: [], verb: 'stopped' },
  start: { job: 'cluster.start', requestedFrom: ['STOPPED'], requestedTo: 'STARTING', unforeseenFailure: 'FAILED', cancels: [], verb: 'started' },
  delete: { job: 'cluster.delete', requestedFrom: LIVE, requestedTo: 'DELETING', unforeseenFailure: 'FAILED', cancels: ['create', 'scale', 'repair'], verb: 'deleted' },
};
