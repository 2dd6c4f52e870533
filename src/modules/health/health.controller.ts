import { Controller, Get, HttpCode, Inject } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { InjectDataSource } from '@nestjs/typeorm';
import Redis from 'ioredis';
import { DataSource } from 'typeorm';
import { DomainError } from '../../common/errors';
import { REDIS } from '../../queue/redis.module';
import { NoRateLimit, Public } from '../tenancy';

type Check = 'up' | 'down';

@ApiTags('health')
@Public()
@NoRateLimit()
@Controller()
export class HealthController {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    @Inject(REDIS) private readonly redis: Redis,
  ) {}

  @Get('health')
  @ApiOperation({ summary: 'Liveness: the process answers' })
  health(): { status: 'ok' } {
    return { status: 'ok' };
  }

  @Get('ready')
  @HttpCode(200)
  @ApiOperation({ summary: 'Readiness: PostgreSQL and Redis are reachable' })
  async ready(): Promise<{ status: 'ok'; postgres: Check; redis: Check }> {
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
