import { Module } from '@nestjs/common';
import { JobQueuesModule } from '../../queue/job-queues';
import { JobWorkersModule } from '../../queue/job-workers';
import { ClustersCoreModule } from '../clusters';
import { MetricsInstrumentsModule, MonitorScheduleModule } from '../monitoring';
import { ObservationModule } from '../observation';
import { FailurePolicy } from './failure-policy';
import { OPERATION_HANDLERS } from './operation-handlers';
import { OperationRunner } from './operation-runner';
import { OperationSweeper } from './operation-sweeper';
import { ClusterReconciler } from './reconciler/cluster-reconciler';
import { HadoopDecommissioner } from './reconciler/hadoop-decommissioner';

/** The operation handlers and the reconciler behind them (worker role). */
@Module({
  imports: [ClustersCoreModule, JobWorkersModule, JobQueuesModule, MonitorScheduleModule, ObservationModule, MetricsInstrumentsModule],
  providers: [...OPERATION_HANDLERS, OperationRunner, FailurePolicy, ClusterReconciler, HadoopDecommissioner, OperationSweeper],
})
export class OperationsWorkerModule {}
