import { Module } from '@nestjs/common';
import { ClustersCoreModule } from '../clusters';
import { AutoscalingPoliciesController } from './autoscaling-policies.controller';
import { AutoscalingPoliciesService } from './autoscaling-policies.service';

/** The autoscaling policies API (api role); the monitor's probe applies them (worker role). */
@Module({
  imports: [ClustersCoreModule],
  controllers: [AutoscalingPoliciesController],
  providers: [AutoscalingPoliciesService],
})
export class AutoscalingModule {}
