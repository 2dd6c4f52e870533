import { MiddlewareConsumer, Module, NestModule } from '@nestjs/common';
import { JobQueuesModule } from '../../queue/job-queues';
import { ObservationModule } from '../observation';
import { FleetExporter } from './fleet-exporter';
import { FleetMetrics } from './fleet-metrics';
import { HttpMetricsMiddleware } from './http-metrics.middleware';
import { MetricsInstrumentsModule } from './metrics-instruments.module';
import { MetricsController } from './metrics.controller';
import { MetricsService } from './metrics.service';

/** `GET /metrics` and the HTTP timing, in the api and the worker role alike (it needs no tenancy). */
@Module({
  imports: [ObservationModule, JobQueuesModule, MetricsInstrumentsModule],
  controllers: [MetricsController],
  providers: [FleetMetrics, FleetExporter, MetricsService],
})
export class MetricsModule implements NestModule {
  configure(consumer: MiddlewareConsumer): void {
    consumer.apply(HttpMetricsMiddleware).forRoutes('{*path}');
  }
}
