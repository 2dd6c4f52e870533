import { Module } from '@nestjs/common';
import { JobQueuesModule } from '../../queue/job-queues';
import { ObservationModule } from '../observation';
import { MetricsController } from './metrics.controller';
import { MetricsService } from './metrics.service';

/** `GET /metrics` (api role). */
@Module({ imports: [ObservationModule, JobQueuesModule], controllers: [MetricsController], providers: [MetricsService] })
export class MetricsModule {}
