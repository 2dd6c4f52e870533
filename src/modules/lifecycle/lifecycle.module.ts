import { Module } from '@nestjs/common';
import { JobQueuesModule } from '../../queue/job-queues';
import { EventsModule } from '../events';
import { ClusterStore } from './cluster-store';
import { OperationIntake } from './operation-intake';

/** The cluster store and the operation intake; with them, the event log they write to. */
@Module({
  imports: [EventsModule, JobQueuesModule],
  providers: [ClusterStore, OperationIntake],
  exports: [EventsModule, ClusterStore, OperationIntake],
})
export class LifecycleModule {}
