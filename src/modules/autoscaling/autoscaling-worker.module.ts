import { Module } from '@nestjs/common';
import { ClustersCoreModule } from '../clusters';
import { ObservationModule } from '../observation';
import { Autoscaler } from './autoscaler';

/** The autoscaler that the monitor asks after every recorded probe (worker role). */
@Module({
  imports: [ClustersCoreModule, ObservationModule],
  providers: [Autoscaler],
  exports: [Autoscaler],
})
export class AutoscalingWorkerModule {}
