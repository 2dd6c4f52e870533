import { Logger } from '@nestjs/common';
import Redis, { Cluster, RedisOptions } from 'ioredis';
import { atMostEvery } from '../common/logging';
import type { HerdConfig } from '../config/config';
import type { RedisTopology } from '../config/redis-config';

/** A connection to herd's Redis, whatever its topology: ioredis speaks the same commands on both. */
export type RedisConnection = Redis | Cluster;

const logger = new Logger('Redis');

// BullMQ needs maxRetriesPerRequest: null on connections it blocks on.
const COMMON: RedisOptions = { maxRetriesPerRequest: null, enableReadyCheck: true, lazyConnect: false };

/** The one place herd opens a Redis connection: herd's keys, BullMQ queues and workers, subscribers. */
export function createRedis(config: Pick<HerdConfig, 'redis'>): RedisConnection {
  const connection = open(config.redis);
  // One warning per connection per minute while Redis is away; ioredis reconnects by itself.
  const warn = atMostEvery(60_000, (message) => logger.warn(message));
  let failed = false;
  connection.on('error', (error: Error) => {
    failed = true;
    warn(`Redis connection failed, reconnecting: ${error.message}`);
  });
  connection.on('ready', () => {
    if (failed) logger.log('Redis connection is back');
    failed = false;
  });
  return connection;
}

function open(topology: RedisTopology): RedisConnection {
  switch (topology.mode) {
    case 'single':
      return new Redis(topology.url, COMMON);
    case 'sentinel':
      return new Redis({
        ...COMMON,
        sentinels: topology.sentinels,
        name: topology.masterName,
        password: topology.password,
        sentinelPassword: topology.sentinelPassword,
        // Reconnect as soon as a Sentinel announces a new master, not only when the old one drops us.
        failoverDetector: true,
      });
    case 'cluster':
      return new Cluster(topology.nodes, {
        redisOptions: { ...COMMON, password: topology.password },
        enableReadyCheck: true,
        // A failover moves slots: give the cluster time to elect a replica before a command fails.
        retryDelayOnFailover: 200,
        retryDelayOnClusterDown: 500,
      });
  }
}
