import { Module } from '@nestjs/common';
import { EgressModule } from '../../common/egress';
import { JobQueuesModule } from '../../queue/job-queues';
import { JobWorkersModule } from '../../queue/job-workers';
import { WebhookDeliveryHandler } from './webhook-delivery.handler';
import { WebhookFanout } from './webhook-fanout';
import { WebhookSecrets } from './webhook-secrets';
import { WebhookSender } from './webhook-sender';

/** Webhook delivery (worker role); exports the fan-out the event relay hands events to. */
@Module({
  imports: [EgressModule, JobQueuesModule, JobWorkersModule],
  providers: [WebhookDeliveryHandler, WebhookFanout, WebhookSecrets, WebhookSender],
  exports: [WebhookFanout],
})
export class WebhooksWorkerModule {}
