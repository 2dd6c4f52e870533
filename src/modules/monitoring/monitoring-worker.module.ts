import { Module } from '@nestjs/common';
import { RedisModule } from '../../queue/redis.module';
import { ClustersCoreModule } from '../clusters';
import { ObservationModule } from '../observation';
import { AutoscalingWorkerModule } from '../autoscaling';
import { AutoRecovery } from './auto-recovery';
import { ClusterMonitor } from './cluster-monitor';
import { ClusterProbeHandler } from './cluster-probe.handler';
import { MonitorScheduleModule } from './monitor-schedule';
import { MonitorSweeper } from './monitor-sweeper';
import { StaleHealth } from './stale-health';

/** The health probe of every AVAILABLE cluster (worker role). */
@Module({
  imports: [ClustersCoreModule, ObservationModule, MonitorScheduleModule, AutoscalingWorkerModule, RedisModule],
  providers: [ClusterMonitor, ClusterProbeHandler, MonitorSweeper, StaleHealth, AutoRecovery],
})
export class MonitoringWorkerModule {}
