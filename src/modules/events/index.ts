export { ClusterEvent, type ClusterEventType } from './cluster-event.entity';
export { ClusterEvents, eventChannel } from './cluster-events.service';
export { EventWakeups } from './event-wakeups';
export { EventsModule } from './events.module';
