import { Module } from '@nestjs/common';
import { ClusterEvents } from '../events/cluster-events.service';
import { OperationIntake } from '../lifecycle/operation-intake';
import { ClusterBinder } from './cluster-binder';
import { ClusterInputsModule } from './cluster-inputs.module';
import { ClusterRequestValidator } from './cluster-request.validator';
import { ClusterSpecBuilder } from './cluster-spec.builder';
import { ScaleRequests } from './scale-requests';

/** What both roles share: events, the spec builder and binder, the operation intake, request checks and scale requests. */
@Module({
  imports: [ClusterInputsModule],
  providers: [ClusterEvents, ClusterSpecBuilder, ClusterBinder, OperationIntake, ClusterRequestValidator, ScaleRequests],
  exports: [ClusterInputsModule, ClusterEvents, ClusterSpecBuilder, ClusterBinder, OperationIntake, ClusterRequestValidator, ScaleRequests],
})
export class ClustersCoreModule {}
