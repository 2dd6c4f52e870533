import { Controller, Get, HttpCode, Inject } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { DomainError } from '../../common/errors';
import { ApiErrors } from '../../common/http';
import { REDIS, RedisConnection } from '../../queue/redis.module';
import { NoRateLimit, Public } from '../tenancy';
import { LivenessView, ReadinessView } from './health.response';

type Check = 'up' | 'down';

@ApiTags('health')
@Public()
@NoRateLimit()
@Controller()
export class HealthController {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    @Inject(REDIS) private readonly redis: RedisConnection,
  ) {}

  @Get('health')
  @ApiOperation({ operationId: 'getLiveness', summary: 'Liveness: the process answers' })
  @ApiOkResponse({ type: LivenessView })
  health(): LivenessView {
    return { status: 'ok' };
  }

  @Get('ready')
  @HttpCode(200)
  @ApiOperation({ operationId: 'getReadiness', summary: 'Readiness: PostgreSQL and Redis are reachable' })
  @ApiOkResponse({ type: ReadinessView })
  @ApiErrors({ status: 503, description: 'PostgreSQL or Redis did not answer within 2 s; the message says which' })
  async ready(): Promise<ReadinessView> {
    const [postgres, redis] = await Promise.all([
      withTimeout(this.db.query('SELECT 1')),
      withTimeout(this.redis.ping()),
    ]);
    if (postgres === 'down' || redis === 'down') {
      throw new DomainError('PROVIDER_UNAVAILABLE', `not ready: postgres ${postgres}, redis ${redis}`);
    }
    return { status: 'ok', postgres, redis };
  }
}

async function withTimeout(probe: Promise<unknown>, ms = 2000): Promise<Check> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<Check>((resolve) => (timer = setTimeout(() => resolve('down'), ms)));
  try {
    return await Promise.race([probe.then((): Check => 'up', (): Check => 'down'), timeout]);
  } finally {
    clearTimeout(timer);
  }
}
