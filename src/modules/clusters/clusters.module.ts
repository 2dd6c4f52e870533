import { Module } from '@nestjs/common';
import { OpenStreams } from '../../common/http';
import { ClusterEventsController } from './cluster-events.controller';
import { EventWakeups } from '../events';
import { TenancyModule } from '../tenancy';
import { OperationsController } from './operations.controller';
import { ClustersCoreModule } from './clusters-core.module';
import { ClustersController } from './clusters.controller';
import { OperationCancellation } from './operation-cancellation';
import { ClustersService } from './clusters.service';

/** The clusters, operations and events API (api role). */
@Module({
  imports: [ClustersCoreModule, TenancyModule],
  controllers: [ClustersController, ClusterEventsController, OperationsController],
  providers: [ClustersService, OperationCancellation, EventWakeups, OpenStreams],
})
export class ClustersModule {}
