import { Module } from '@nestjs/common';
import { ClusterEvents } from './cluster-events.service';

/** The event log of every cluster, for API and worker alike. */
@Module({ providers: [ClusterEvents], exports: [ClusterEvents] })
export class EventsModule {}
