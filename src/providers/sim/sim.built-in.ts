import type { Cluster, Redis } from 'ioredis';
import { SimHealthServer } from './sim.health-server';
import { createSimAdapter, SimAdapter } from './sim.provider';

/** Builds herd's embedded sim from its config: keys under `redisPrefix`, health endpoints on `simHealthPort`. */
export function simBuiltIn({ config, redis }: { config: { redisPrefix: string; simHealthPort: number }; redis: Redis | Cluster }): SimAdapter {
  const healthServer = new SimHealthServer({ redis, keyPrefix: config.redisPrefix, port: config.simHealthPort });
  return createSimAdapter({ redis, keyPrefix: config.redisPrefix, healthServer });
}
