import { ApiProperty } from '@nestjs/swagger';
import { WEBHOOK_KIND_NAMES, type WebhookKind } from '../webhook-kinds';
import type { WebhookDelivery } from '../webhook-delivery.entity';
import type { Webhook } from '../webhook.entity';

/** A webhook as stored, without its secret. */
export class WebhookView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ example: 'https://hooks.example.com/herd' }) url: string;
  @ApiProperty({ enum: WEBHOOK_KIND_NAMES, isArray: true }) kinds: WebhookKind[];
  @ApiProperty({ type: String, nullable: true }) description: string | null;
  @ApiProperty() enabled: boolean;
  @ApiProperty({ type: String, nullable: true, description: 'Why herd disabled the webhook; null while enabled or when a user disabled it' }) disabledReason: string | null;
  @ApiProperty({ example: 0, description: 'Failed delivery attempts in a row; herd disables the webhook at HERD_WEBHOOK_DISABLE_AFTER_FAILURES' }) consecutiveFailures: number;
  @ApiProperty() createdAt: Date;
  @ApiProperty() updatedAt: Date;
}

/** The answer to a create or a rotation: the only time the signing secret is shown. */
export class WebhookWithSecretView extends WebhookView {
  @ApiProperty({ example: 'whsec_3q2-7wXk…', description: 'Signs every delivery (Herd-Signature); shown only now' }) secret: string;
}

export class WebhookDeliveryView {
  @ApiProperty({ format: 'uuid', description: 'This attempt' }) id: string;
  @ApiProperty({ format: 'uuid', description: 'Every attempt of one event to this webhook (Herd-Delivery-Id)' }) deliveryId: string;
  @ApiProperty({ example: '1042', description: 'The cluster event delivered (Herd-Event-Id)' }) eventId: string;
  @ApiProperty({ enum: WEBHOOK_KIND_NAMES }) kind: string;
  @ApiProperty({ example: 1 }) attempt: number;
  @ApiProperty({ description: 'The receiver answered 2xx' }) delivered: boolean;
  @ApiProperty({ type: Number, nullable: true, example: 200, description: 'null when no answer came' }) statusCode: number | null;
  @ApiProperty({ type: String, nullable: true, example: null }) error: string | null;
  @ApiProperty({ example: 35 }) durationMs: number;
  @ApiProperty() createdAt: Date;
}

export function webhookView(webhook: Webhook): WebhookView {
  return {
    id: webhook.id,
    url: webhook.url,
    kinds: webhook.kinds,
    description: webhook.description,
    enabled: webhook.enabled,
    disabledReason: webhook.disabledReason,
    consecutiveFailures: webhook.consecutiveFailures,
    createdAt: webhook.createdAt,
    updatedAt: webhook.updatedAt,
  };
}

export function webhookDeliveryView(delivery: WebhookDelivery): WebhookDeliveryView {
  return {
    id: delivery.id,
    deliveryId: delivery.deliveryId,
    eventId: delivery.eventId,
    kind: delivery.kind,
    attempt: delivery.attempt,
    delivered: delivery.delivered,
    statusCode: delivery.statusCode,
    error: delivery.error,
    durationMs: delivery.durationMs,
    createdAt: delivery.createdAt,
  };
}
