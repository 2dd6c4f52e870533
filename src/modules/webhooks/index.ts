export { WebhookDelivery } from './webhook-delivery.entity';
export { WebhookFanout } from './webhook-fanout';
export { WEBHOOK_KINDS, type WebhookKind } from './webhook-kinds';
export { SIGNATURE_TOLERANCE_SECONDS, signatureValid } from './webhook-signature';
export { Webhook } from './webhook.entity';
export { WebhooksWorkerModule } from './webhooks-worker.module';
export { WebhooksModule } from './webhooks.module';
