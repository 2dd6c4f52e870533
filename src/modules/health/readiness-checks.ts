import { Inject, Injectable } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import { HealthIndicatorService, type HealthIndicatorFunction, TypeOrmHealthIndicator } from '@nestjs/terminus';
import { REDIS, RedisConnection } from '../../queue/redis.module';
import { JobWorkers } from '../../queue/job-workers';

/** How long each dependency may take to answer before the process counts as not ready. */
export const READINESS_TIMEOUT_MS = 2000;

/**
 * What readiness checks, as terminus indicators: PostgreSQL and Redis answer, and, in a process
 * that consumes queues, every queue consumer is running.
 */
@Injectable()
export class ReadinessChecks {
  constructor(
    private readonly postgres: TypeOrmHealthIndicator,
    private readonly indicators: HealthIndicatorService,
    @Inject(REDIS) private readonly redis: RedisConnection,
    private readonly modules: ModuleRef,
  ) {}

  all(): HealthIndicatorFunction[] {
    const checks: HealthIndicatorFunction[] = [() => this.postgres.pingCheck('postgres', { timeout: READINESS_TIMEOUT_MS }), () => this.redisPing()];
    const workers = this.jobWorkers();
    if (workers) checks.push(() => this.consumers(workers));
    return checks;
  }

  private async redisPing() {
    const redis = this.indicators.check('redis');
    return (await answersWithin(this.redis.ping(), READINESS_TIMEOUT_MS)) ? redis.up() : redis.down({ message: `no answer within ${READINESS_TIMEOUT_MS} ms` });
  }

  private consumers(workers: JobWorkers) {
    const consumers = this.indicators.check('consumers');
    const stopped = workers.consumers().filter((consumer) => !consumer.running).map((consumer) => consumer.queue);
    return stopped.length === 0 ? consumers.up() : consumers.down({ message: `not consuming ${stopped.join(', ')}` });
  }

  /** Present in the worker and all roles. */
  private jobWorkers(): JobWorkers | undefined {
    try {
      return this.modules.get(JobWorkers, { strict: false });
    } catch {
      return undefined;
    }
  }
}

async function answersWithin(probe: Promise<unknown>, ms: number): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<boolean>((resolve) => (timer = setTimeout(() => resolve(false), ms)));
  try {
    return await Promise.race([probe.then(() => true, () => false), timeout]);
  } finally {
    clearTimeout(timer);
  }
}
