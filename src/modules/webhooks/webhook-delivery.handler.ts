import { Inject, Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { HERD_CONFIG, HerdConfig } from '../../config/config';
import type { JobContext, JobHandler, WebhookDeliveryPayload } from '../../queue/job-catalogue';
import { HandlesJobs } from '../../queue/job-workers';
import { ClusterEvent } from '../events';
import { webhookBody } from './webhook-body';
import { WebhookDelivery } from './webhook-delivery.entity';
import { webhookKindOf } from './webhook-kinds';
import { WebhookSecrets } from './webhook-secrets';
import { SendResult, WebhookSender } from './webhook-sender';
import { signatureHeader } from './webhook-signature';
import { Webhook } from './webhook.entity';

/** A failed attempt: BullMQ tries again after its backoff. */
class DeliveryFailed extends Error {}

/**
 * One attempt to deliver one event: signed, posted, logged. Only a 2xx counts; a webhook failing
 * HERD_WEBHOOK_DISABLE_AFTER_FAILURES attempts in a row is disabled, with the reason on it.
 */
@Injectable()
@HandlesJobs()
export class WebhookDeliveryHandler implements JobHandler<'webhook.deliver'> {
  readonly jobName = 'webhook.deliver' as const;
  private readonly logger = new Logger(WebhookDeliveryHandler.name);

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly secrets: WebhookSecrets,
    private readonly sender: WebhookSender,
    @Inject(HERD_CONFIG) private readonly config: HerdConfig,
  ) {}

  async handle(payload: WebhookDeliveryPayload, context: JobContext): Promise<void> {
    const webhook = await this.db.getRepository(Webhook).findOneBy({ id: payload.webhookId, tenantId: payload.tenantId });
    if (!webhook?.enabled) return;
    const event = await this.db.getRepository(ClusterEvent).findOneBy({ id: payload.eventId, tenantId: payload.tenantId });
    const kind = event && webhookKindOf(event);
    if (!event || !kind) return;
    const body = JSON.stringify(webhookBody(payload.deliveryId, kind, event));
    const headers = {
      'herd-signature': signatureHeader(this.secrets.open(webhook), body, Math.floor(Date.now() / 1000)),
      'herd-event-id': event.id,
      'herd-delivery-id': payload.deliveryId,
      'herd-event-kind': kind,
    };
    const result = await this.sender.send(webhook.url, body, headers);
    const delivered = result.statusCode !== null && result.statusCode >= 200 && result.statusCode < 300;
    const disabled = await this.record(webhook, payload, kind, context.attempt, delivered, result);
    if (delivered || disabled) return;
    throw new DeliveryFailed(`webhook ${webhook.id} delivery ${payload.deliveryId} attempt ${context.attempt}: ${describe(result)}`);
  }

  /** Logs the attempt and counts it; true when this failure disabled the webhook. */
  private async record(webhook: Webhook, payload: WebhookDeliveryPayload, kind: string, attempt: number, delivered: boolean, result: SendResult): Promise<boolean> {
    const limit = this.config.eventConsumers.webhookDisableAfterFailures;
    return this.db.transaction(async (manager) => {
      await manager.getRepository(WebhookDelivery).insert({ webhookId: webhook.id, deliveryId: payload.deliveryId, eventId: payload.eventId, kind, attempt, delivered, statusCode: result.statusCode, error: result.error?.slice(0, 1000) ?? null, durationMs: result.durationMs });
      if (delivered) {
        await manager.query(`UPDATE webhooks SET consecutive_failures = 0 WHERE id = $1`, [webhook.id]);
        return false;
      }
      const reason = `Disabled after ${limit} failed delivery attempts in a row; the last: ${describe(result)}`.slice(0, 1000);
      const [rows] = await manager.query(
        `UPDATE webhooks SET consecutive_failures = consecutive_failures + 1,
           enabled = enabled AND consecutive_failures + 1 < $2,
           disabled_reason = CASE WHEN enabled AND consecutive_failures + 1 >= $2 THEN $3 ELSE disabled_reason END,
           updated_at = CASE WHEN enabled AND consecutive_failures + 1 >= $2 THEN now() ELSE updated_at END
         WHERE id = $1 RETURNING enabled`,
        [webhook.id, limit, reason],
      );
      const nowDisabled = (rows as { enabled: boolean }[])[0]?.enabled === false;
      if (nowDisabled) this.logger.warn(`webhook ${webhook.id} disabled after ${limit} failed attempts in a row`);
      return nowDisabled;
    });
  }
}

function describe(result: SendResult): string {
  return result.statusCode !== null ? `the receiver answered ${result.statusCode}` : (result.error ?? 'no answer');
}
