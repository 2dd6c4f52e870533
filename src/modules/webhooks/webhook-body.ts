import { createHash } from 'node:crypto';
import type { ClusterEvent } from '../events';
import type { WebhookKind } from './webhook-kinds';

/** The JSON body of every delivery, as documented in docs/webhooks.md. */
export interface WebhookBody {
  deliveryId: string;
  eventId: string;
  kind: WebhookKind;
  time: string;
  tenantId: string;
  clusterId: string;
  operationId: string | null;
  message: string;
  data: Record<string, unknown>;
}

export function webhookBody(deliveryId: string, kind: WebhookKind, event: ClusterEvent): WebhookBody {
  return {
    deliveryId,
    eventId: event.id,
    kind,
    time: event.createdAt.toISOString(),
    tenantId: event.tenantId,
    clusterId: event.clusterId,
    operationId: event.operationId,
    message: event.message,
    data: event.data,
  };
}

/** One id per (webhook, event), the same however often the relay hands the event over: the job id dedupes. */
export function deliveryIdOf(webhookId: string, eventId: string): string {
  const hex = createHash('sha256').update(`${webhookId}/${eventId}`).digest('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-5${hex.slice(13, 16)}-${((parseInt(hex.slice(16, 18), 16) & 0x3f) | 0x80).toString(16)}${hex.slice(18, 20)}-${hex.slice(20, 32)}`;
}
