import { Module } from '@nestjs/common';
import { ClusterEvents } from '../events/cluster-events.service';
import { OperationIntake } from '../operations/operation-intake';
import { ClusterBinder } from './cluster-binder';
import { ClusterInputsModule } from './cluster-inputs.module';
import { ClusterSpecBuilder } from './cluster-spec.builder';

/** What both roles share: events, the spec builder and binder, the operation intake and the usage queries. */
@Module({
  imports: [ClusterInputsModule],
  providers: [ClusterEvents, ClusterSpecBuilder, ClusterBinder, OperationIntake],
  exports: [ClusterInputsModule, ClusterEvents, ClusterSpecBuilder, ClusterBinder, OperationIntake],
})
export class ClustersCoreModule {}
