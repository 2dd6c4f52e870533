import { Module } from '@nestjs/common';
import { JobWorkersModule } from '../../queue/job-workers';
import { ClustersCoreModule } from '../clusters/clusters-core.module';
import { MonitorScheduleModule } from '../monitoring/monitor-schedule';
import { FailurePolicy } from './failure-policy';
import { OPERATION_HANDLERS } from './operation-handlers';
import { OperationRunner } from './operation-runner';
import { OperationSweeper } from './operation-sweeper';
import { ClusterReconciler } from './reconciler/cluster-reconciler';
import { HadoopDecommissioner } from './reconciler/hadoop-decommissioner';
import { HadoopVerifier } from './reconciler/hadoop-verifier';
import { NodeLedger } from './reconciler/node-ledger';
import { ProviderThrottle } from './reconciler/provider-throttle';
import { PushedHealth } from './reconciler/pushed-health';
import { NodeCallbacksCoreModule } from '../node-callbacks/node-callbacks-core.module';

/** The operation handlers and the reconciler behind them (worker role). */
@Module({
  imports: [ClustersCoreModule, JobWorkersModule, MonitorScheduleModule, NodeCallbacksCoreModule],
  providers: [...OPERATION_HANDLERS, OperationRunner, FailurePolicy, ClusterReconciler, HadoopDecommissioner, HadoopVerifier, NodeLedger, ProviderThrottle, PushedHealth, OperationSweeper],
  exports: [HadoopVerifier, NodeLedger, ProviderThrottle, PushedHealth],
})
export class OperationsWorkerModule {}
