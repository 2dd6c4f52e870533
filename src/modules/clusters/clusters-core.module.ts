import { Module } from '@nestjs/common';
import { LifecycleModule } from '../lifecycle';
import { ClusterBinder } from './cluster-binder';
import { ClusterInputsModule } from './cluster-inputs.module';
import { ClusterRequestValidator } from './cluster-request.validator';
import { ClusterSpecBuilder } from './cluster-spec.builder';
import { ScaleRequests } from './scale-requests';

/** What both roles share: the lifecycle, the spec builder and binder, request checks and scale requests. */
@Module({
  imports: [ClusterInputsModule, LifecycleModule],
  providers: [ClusterSpecBuilder, ClusterBinder, ClusterRequestValidator, ScaleRequests],
  exports: [ClusterInputsModule, LifecycleModule, ClusterSpecBuilder, ClusterBinder, ClusterRequestValidator, ScaleRequests],
})
export class ClustersCoreModule {}
