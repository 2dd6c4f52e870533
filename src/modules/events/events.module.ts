import { Module } from '@nestjs/common';
import { RedisModule } from '../../queue/redis.module';
import { ClusterEvents } from './cluster-events.service';

/** The event log of every cluster, for API and worker alike. */
@Module({ imports: [RedisModule], providers: [ClusterEvents], exports: [ClusterEvents] })
export class EventsModule {}
