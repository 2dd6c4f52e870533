import { Global, Inject, Logger, Module, OnApplicationShutdown } from '@nestjs/common';
import Redis from 'ioredis';
import { HERD_CONFIG, HerdConfig } from '../config/config';

export const REDIS = Symbol('REDIS');

const logger = new Logger('Redis');
/** One warning per connection per minute while Redis is away; ioredis reconnects by itself. */
const WARN_EVERY_MS = 60_000;

export function createRedis(config: Pick<HerdConfig, 'redisUrl'>): Redis {
  // BullMQ needs maxRetriesPerRequest: null on connections it blocks on.
  const redis = new Redis(config.redisUrl, { maxRetriesPerRequest: null, enableReadyCheck: true, lazyConnect: false });
  let warnedAt = 0;
  redis.on('error', (error: Error) => {
    if (Date.now() - warnedAt < WARN_EVERY_MS) return;
    warnedAt = Date.now();
    logger.warn(`Redis connection failed, reconnecting: ${error.message}`);
  });
  redis.on('ready', () => {
    if (warnedAt !== 0) logger.log('Redis connection is back');
    warnedAt = 0;
  });
  return redis;
}

/** One shared ioredis connection for herd's own keys (locks, caches, sim state). */
@Global()
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
