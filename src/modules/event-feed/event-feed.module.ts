import { Module } from '@nestjs/common';
import { RedisModule } from '../../queue/redis.module';
import { EventFeed } from './event-feed';

/** The Redis stream outside programs read cluster events from. */
@Module({ imports: [RedisModule], providers: [EventFeed], exports: [EventFeed] })
export class EventFeedModule {}
