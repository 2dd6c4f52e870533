import { Module } from '@nestjs/common';
import { EgressModule } from '../../common/egress';
import { WebhookSecrets } from './webhook-secrets';
import { WebhooksController } from './webhooks.controller';
import { WebhooksService } from './webhooks.service';

/** The webhooks API (api role). */
@Module({ imports: [EgressModule], controllers: [WebhooksController], providers: [WebhooksService, WebhookSecrets] })
export class WebhooksModule {}
