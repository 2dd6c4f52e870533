import { randomBytes } from 'node:crypto';
import { loadConfig } from '../../src/config/config';
import { createSimAdapter, SimAdapter } from '../../src/providers/sim/sim.provider';
import { SimHealthServer } from '../../src/providers/sim/sim.health-server';
import { createRedis, RedisConnection } from '../../src/queue/redis.module';

export interface SimHarness {
  redis: RedisConnection;
  keyPrefix: string;
  healthServer: SimHealthServer;
  adapter: SimAdapter;
  /** Every Redis key the sim holds under this harness's prefix. */
  keys(): Promise<string[]>;
  close(): Promise<void>;
}

/** A sim on the real local Redis under a unique key prefix, removed again by `close()`. */
export function startSimHarness(options: { random?: () => number } = {}): SimHarness {
  const redis = createRedis(loadConfig(process.env));
  const keyPrefix = `herd-test-sim-${randomBytes(4).toString('hex')}`;
  const healthServer = new SimHealthServer({ redis, keyPrefix });
  const adapter = createSimAdapter({ redis, keyPrefix, healthServer, random: options.random });
  const keys = () => redis.keys(`${keyPrefix}:*`);
  return {
    redis,
    keyPrefix,
    healthServer,
    adapter,
    keys,
    async close() {
      const left = await keys();
      if (left.length > 0) await redis.del(...left);
      await healthServer.close();
      await redis.quit();
    },
  };
}
