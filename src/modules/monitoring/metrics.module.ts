import { Module } from '@nestjs/common';
import { MetricsController } from './metrics.controller';
import { MetricsService } from './metrics.service';
import { MonitorScheduleModule } from './monitor-schedule';

/** `GET /metrics` (api role). */
@Module({ imports: [MonitorScheduleModule], controllers: [MetricsController], providers: [MetricsService] })
export class MetricsModule {}
