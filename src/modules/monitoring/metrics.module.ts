import { Global, MiddlewareConsumer, Module, NestModule } from '@nestjs/common';
import { JobQueuesModule } from '../../queue/job-queues';
import { JOB_RUN_OBSERVER } from '../../queue/job-workers';
import { ObservationModule } from '../observation';
import { FleetExporter } from './fleet-exporter';
import { FleetMetrics } from './fleet-metrics';
import { HerdMetrics } from './herd-metrics';
import { HttpMetricsMiddleware } from './http-metrics.middleware';
import { MetricsController } from './metrics.controller';
import { MetricsService } from './metrics.service';

/**
 * `GET /metrics` and the instruments behind it, in the api and the worker role alike. Global, so
 * the job workers and the operation runner find the instruments wherever they are loaded.
 */
@Global()
@Module({
  imports: [ObservationModule, JobQueuesModule],
  controllers: [MetricsController],
  providers: [HerdMetrics, FleetMetrics, FleetExporter, MetricsService, { provide: JOB_RUN_OBSERVER, useExisting: HerdMetrics }],
  exports: [HerdMetrics, JOB_RUN_OBSERVER],
})
export class MetricsModule implements NestModule {
  configure(consumer: MiddlewareConsumer): void {
    consumer.apply(HttpMetricsMiddleware).forRoutes('{*path}');
  }
}
