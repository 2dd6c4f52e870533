import { Controller, Get, StreamableFile } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import { ApiErrors } from '../../common/http';
import { RequireRole } from '../tenancy';
import { MetricsService } from './metrics.service';

@ApiTags('monitoring')
@Controller()
export class MetricsController {
  constructor(private readonly metrics: MetricsService) {}

  /** Admin only: the fleet-wide figures cover every tenant's clusters. */
  @Get('metrics')
  @RequireRole('admin')
  @ApiOperation({ operationId: 'getMetrics', summary: 'Prometheus metrics of every cluster, operation and queue (admin)' })
  @ApiProduces('text/plain')
  @ApiOkResponse({ description: 'Prometheus text exposition format 0.0.4', schema: { type: 'string' } })
  @ApiErrors(401, 403, 429)
  async render(): Promise<StreamableFile> {
    // A file rather than a string, so that Express keeps prom-client's content type as it is.
    const text = Buffer.from(await this.metrics.render());
    return new StreamableFile(text, { type: this.metrics.contentType, length: text.length });
  }
}
