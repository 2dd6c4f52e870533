import { Module } from '@nestjs/common';
import { EventFeedModule } from '../event-feed';
import { WebhooksWorkerModule } from '../webhooks';
import { EventRelay } from './event-relay';

/** The one relay of cluster events to their consumers (worker role). */
@Module({ imports: [EventFeedModule, WebhooksWorkerModule], providers: [EventRelay] })
export class EventRelayWorkerModule {}
