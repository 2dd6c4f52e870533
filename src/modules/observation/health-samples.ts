import { Inject, Injectable } from '@nestjs/common';
import { HERD_CONFIG, HerdConfig } from '../../config/config';
import { REDIS, RedisConnection } from '../../queue/redis.module';
import type { ClusterHealth } from '../lifecycle';
import type { HealthFigures } from './health-figures';

export interface HealthSample extends HealthFigures {
  at: string;
  health: ClusterHealth;
  message: string;
}

/** The last few probes of each cluster, newest first, in a bounded Redis list. */
@Injectable()
export class HealthSamples {
  constructor(
    @Inject(REDIS) private readonly redis: RedisConnection,
    @Inject(HERD_CONFIG) private readonly config: HerdConfig,
  ) {}

  async add(clusterId: string, sample: HealthSample): Promise<void> {
    const key = this.key(clusterId);
    await this.redis.multi().lpush(key, JSON.stringify(sample)).ltrim(key, 0, this.config.monitoring.samplesKept - 1).exec();
  }

  async recent(clusterId: string, limit = this.config.monitoring.samplesKept): Promise<HealthSample[]> {
    return (await this.redis.lrange(this.key(clusterId), 0, limit - 1)).map((raw) => JSON.parse(raw) as HealthSample);
  }

  /** The newest sample of each cluster, in one round trip. */
  async latest(clusterIds: string[]): Promise<Map<string, HealthSample>> {
    if (clusterIds.length === 0) return new Map();
    const pipeline = this.redis.pipeline();
    for (const id of clusterIds) pipeline.lindex(this.key(id), 0);
    const results = (await pipeline.exec()) ?? [];
    const found = new Map<string, HealthSample>();
    results.forEach(([, raw], index) => {
      if (typeof raw === 'string') found.set(clusterIds[index]!, JSON.parse(raw) as HealthSample);
    });
    return found;
  }

  async forget(clusterId: string): Promise<void> {
    await this.redis.del(this.key(clusterId));
  }

  private key(clusterId: string): string {
    return `${this.config.redisPrefix}:monitor:samples:${clusterId}`;
  }
}
