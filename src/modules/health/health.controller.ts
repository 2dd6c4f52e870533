import { Controller, Get, HttpCode, ServiceUnavailableException } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { HealthCheckService, type HealthIndicatorResult } from '@nestjs/terminus';
import { DomainError } from '../../common/errors';
import { ApiErrors } from '../../common/http';
import { NoRateLimit, Public } from '../tenancy';
import { LivenessView, ReadinessView } from './health.response';
import { READINESS_TIMEOUT_MS, ReadinessChecks } from './readiness-checks';

@ApiTags('health')
@Public()
@NoRateLimit()
@Controller()
export class HealthController {
  constructor(
    private readonly terminus: HealthCheckService,
    private readonly checks: ReadinessChecks,
  ) {}

  @Get('health')
  @ApiOperation({ operationId: 'getLiveness', summary: 'Liveness: the process answers' })
  @ApiOkResponse({ type: LivenessView })
  health(): LivenessView {
    return { status: 'ok' };
  }

  @Get('ready')
  @HttpCode(200)
  @ApiOperation({ operationId: 'getReadiness', summary: 'Readiness: PostgreSQL and Redis are reachable and, where this process consumes queues, every consumer runs' })
  @ApiOkResponse({ type: ReadinessView })
  @ApiErrors({ status: 503, description: `PostgreSQL or Redis did not answer within ${READINESS_TIMEOUT_MS} ms, or a queue consumer is not running; the message says which` })
  async ready(): Promise<ReadinessView> {
    try {
      const { details } = await this.terminus.check(this.checks.all());
      return { status: 'ok', postgres: 'up', redis: 'up', ...('consumers' in details ? { consumers: 'up' as const } : {}) };
    } catch (error) {
      if (!(error instanceof ServiceUnavailableException)) throw error;
      const { details } = error.getResponse() as { details: HealthIndicatorResult };
      throw new DomainError('PROVIDER_UNAVAILABLE', `not ready: ${describeChecks(details)}`);
    }
  }
}

/** `postgres up, redis down (no answer within 2000 ms)`: every check, with the reason of those that failed. */
function describeChecks(details: HealthIndicatorResult): string {
  return Object.entries(details)
    .map(([name, { status, message }]) => (status === 'up' ? `${name} up` : `${name} down${typeof message === 'string' ? ` (${message})` : ''}`))
    .join(', ');
}
