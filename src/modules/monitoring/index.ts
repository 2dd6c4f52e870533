export { HerdMetrics } from './herd-metrics';
export { MetricsController } from './metrics.controller';
export { MetricsModule } from './metrics.module';
export { MetricsInstrumentsModule } from './metrics-instruments.module';
export { MonitorSchedule, MonitorScheduleModule } from './monitor-schedule';
export { MonitoringWorkerModule } from './monitoring-worker.module';
