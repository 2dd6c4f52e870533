import type { ClusterEvent } from '../events';

/** What a webhook can subscribe to, each with the cluster events it is made of. */
export const WEBHOOK_KINDS = {
  /** A `status` event: the cluster's status changed (data.from, data.to). */
  'cluster.status': 'The cluster status changed',
  /** A `health` event: the cluster's health changed (data.from, data.to). */
  'cluster.health': 'The cluster health changed',
  /** An `operation` event with data.status succeeded. */
  'operation.succeeded': 'An operation succeeded',
  /** An `error` event that ends an operation (data.status failed). */
  'operation.failed': 'An operation failed',
  /** An `operation` event with data.status cancelled. */
  'operation.cancelled': 'An operation was cancelled',
} as const;

export type WebhookKind = keyof typeof WEBHOOK_KINDS;
export const WEBHOOK_KIND_NAMES = Object.keys(WEBHOOK_KINDS) as WebhookKind[];

const OPERATION_OUTCOMES: Readonly<Record<string, WebhookKind>> = {
  succeeded: 'operation.succeeded',
  failed: 'operation.failed',
  cancelled: 'operation.cancelled',
};

/** The kind a webhook sees this event as, or undefined when no webhook is told of it (steps, progress, warnings). */
export function webhookKindOf(event: Pick<ClusterEvent, 'type' | 'data'>): WebhookKind | undefined {
  if (event.type === 'status') return 'cluster.status';
  if (event.type === 'health') return 'cluster.health';
  if (event.type !== 'operation' && event.type !== 'error') return undefined;
  const outcome = event.data.status;
  return typeof outcome === 'string' && typeof event.data.operation === 'string' ? OPERATION_OUTCOMES[outcome] : undefined;
}
