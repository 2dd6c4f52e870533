import { Inject, Module, OnApplicationShutdown } from '@nestjs/common';
import { HERD_CONFIG } from '../config/config';
import { createRedis, RedisConnection } from './redis-connection';

export const REDIS = Symbol('REDIS');

export { createRedis, type RedisConnection } from './redis-connection';

/** One shared ioredis connection for herd's own keys (locks, caches, sim state). */
@Module({
  providers: [{ provide: REDIS, inject: [HERD_CONFIG], useFactory: createRedis }],
  exports: [REDIS],
})
export class RedisModule implements OnApplicationShutdown {
  constructor(@Inject(REDIS) private readonly redis: RedisConnection) {}

  async onApplicationShutdown(): Promise<void> {
    await this.redis.quit().catch(() => this.redis.disconnect());
  }
}
