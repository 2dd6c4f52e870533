import { Global, Inject, Module, OnApplicationShutdown } from '@nestjs/common';
import Redis from 'ioredis';
import { HERD_CONFIG, HerdConfig } from '../config/config';

export const REDIS = Symbol('REDIS');

export function createRedis(config: Pick<HerdConfig, 'redisUrl'>): Redis {
  // BullMQ needs maxRetriesPerRequest: null on connections it blocks on.
  return new Redis(config.redisUrl, { maxRetriesPerRequest: null, enableReadyCheck: true, lazyConnect: false });
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
