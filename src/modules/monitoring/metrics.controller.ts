import { Controller, Get, Header } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import { ApiErrors } from '../../common/http';
import { RequireRole } from '../tenancy';
import { MetricsService } from './metrics.service';

@ApiTags('monitoring')
@Controller()
export class MetricsController {
  constructor(private readonly metrics: MetricsService) {}

  /** Admin only: the figures cover every tenant's clusters. */
  @Get('metrics')
  @RequireRole('admin')
  @Header('Content-Type', 'text/plain; version=0.0.4; charset=utf-8')
  @ApiOperation({ operationId: 'getMetrics', summary: 'Prometheus metrics of every cluster, operation and queue (admin)' })
  @ApiProduces('text/plain')
  @ApiOkResponse({ description: 'Prometheus text exposition format 0.0.4', schema: { type: 'string' } })
  @ApiErrors(401, 403, 429)
  render(): Promise<string> {
    return this.metrics.render();
  }
}
