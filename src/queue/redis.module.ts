import { Inject, Logger, Module, OnApplicationShutdown } from '@nestjs/common';
import Redis from 'ioredis';
import { atMostEvery } from '../common/logging';
import { HERD_CONFIG, HerdConfig } from '../config/config';

export const REDIS = Symbol('REDIS');

const logger = new Logger('Redis');

export function createRedis(config: Pick<HerdConfig, 'redisUrl'>): Redis {
  // BullMQ needs maxRetriesPerRequest: null on connections it blocks on.
  const redis = new Redis(config.redisUrl, { maxRetriesPerRequest: null, enableReadyCheck: true, lazyConnect: false });
  // One warning per connection per minute while Redis is away; ioredis reconnects by itself.
  const warn = atMostEvery(60_000, (message) => logger.warn(message));
  let failed = false;
  redis.on('error', (error: Error) => {
    failed = true;
    warn(`Redis connection failed, reconnecting: ${error.message}`);
  });
  redis.on('ready', () => {
    if (failed) logger.log('Redis connection is back');
    failed = false;
  });
  return redis;
}

/** One shared ioredis connection for herd's own keys (locks, caches, sim state). */
@Module({
  providers: [{ provide: REDIS, inject: [HERD_CONFIG], useFactory: createRedis }],
  exports: [REDIS],
})
export class RedisModule implements OnApplicationShutdown {
  constructor(@Inject(REDIS) private readonly redis: Redis) {}

  async onApplicationShutdown(): Promise<void> {
    await this.redis.quit().catch(() => this.redis.disconnect());
  }
}
