import { Module } from '@nestjs/common';
import { ClustersCoreModule } from '../clusters/clusters-core.module';
import { OperationsWorkerModule } from '../operations/operations-worker.module';
import { Autoscaler } from '../autoscaling/autoscaler';
import { AutoRecovery } from './auto-recovery';
import { ClusterMonitor } from './cluster-monitor';
import { ClusterProbeHandler } from './cluster-probe.handler';
import { MonitorScheduleModule } from './monitor-schedule';
import { MonitorSweeper } from './monitor-sweeper';
import { StaleHealth } from './stale-health';

/** The health probe of every AVAILABLE cluster (worker role). */
@Module({
  imports: [ClustersCoreModule, OperationsWorkerModule, MonitorScheduleModule],
  providers: [ClusterMonitor, ClusterProbeHandler, MonitorSweeper, StaleHealth, AutoRecovery, Autoscaler],
})
export class MonitoringWorkerModule {}
