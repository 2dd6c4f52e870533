import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { HERD_CONFIG, HerdConfig } from '../../config/config';
import { JobQueues } from '../../queue/job-queues';
import type { ClusterEvent } from '../events';
import { deliveryIdOf } from './webhook-body';
import { webhookKindOf } from './webhook-kinds';

/** Turns relayed events into delivery jobs, one per enabled webhook of the event's tenant that subscribed to its kind. */
@Injectable()
export class WebhookFanout {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly queues: JobQueues,
    @Inject(HERD_CONFIG) private readonly config: HerdConfig,
  ) {}

  async enqueue(events: readonly ClusterEvent[]): Promise<void> {
    const { webhookMaxAttempts, webhookBackoffMs } = this.config.eventConsumers;
    for (const event of events) {
      const kind = webhookKindOf(event);
      if (!kind) continue;
      const subscribed: { id: string }[] = await this.db.query(`SELECT id FROM webhooks WHERE tenant_id = $1 AND enabled AND $2 = ANY(kinds) ORDER BY created_at`, [event.tenantId, kind]);
      for (const { id } of subscribed) {
        const deliveryId = deliveryIdOf(id, event.id);
        await this.queues.add('webhook.deliver', { deliveryId, webhookId: id, tenantId: event.tenantId, eventId: event.id }, deliveryId, { attempts: webhookMaxAttempts, backoffMs: webhookBackoffMs });
      }
    }
  }
}
