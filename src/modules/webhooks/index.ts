export { SIGNATURE_TOLERANCE_SECONDS, signatureValid } from './webhook-signature';
export { WEBHOOK_KINDS, type WebhookKind } from './webhook-kinds';
export { Webhook } from './webhook.entity';
export { WebhookDelivery } from './webhook-delivery.entity';
export { WebhookFanout } from './webhook-fanout';
export { WebhooksModule } from './webhooks.module';
export { WebhooksWorkerModule } from './webhooks-worker.module';
export { resealWebhookSecrets, type WebhookResealResult } from './webhook-secret-rotation';
