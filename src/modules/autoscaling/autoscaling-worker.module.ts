import { Module } from '@nestjs/common';
import { ClustersCoreModule } from '../clusters/clusters-core.module';
import { ObservationModule } from '../observation/observation.module';
import { Autoscaler } from './autoscaler';

/** The autoscaler that the monitor asks after every recorded probe (worker role). */
@Module({
  imports: [ClustersCoreModule, ObservationModule],
  providers: [Autoscaler],
  exports: [Autoscaler],
})
export class AutoscalingWorkerModule {}
