import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, MoreThan } from 'typeorm';
import { safeJson, safeMessage } from '../../common/secrets';
import { HERD_CONFIG, HerdConfig } from '../../config/config';
import { withinRedisDeadline } from '../../queue/redis-deadline';
import { REDIS, RedisConnection } from '../../queue/redis.module';
import { ClusterEvent, ClusterEventType } from './cluster-event.entity';

export interface NewClusterEvent {
  clusterId: string;
  tenantId: string;
  operationId?: string | null;
  type: ClusterEventType;
  message: string;
  data?: Record<string, unknown>;
}

export function eventChannel(prefix: string, clusterId: string): string {
  return `${prefix}:cluster-events:${clusterId}`;
}

/** Appends events and tells every API process that a cluster has new ones. */
@Injectable()
export class ClusterEvents {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    @Inject(REDIS) private readonly redis: RedisConnection,
    @Inject(HERD_CONFIG) private readonly config: HerdConfig,
  ) {}

  /** Inside a transaction (`manager`) the caller calls `announce` after commit. */
  async record(event: NewClusterEvent, manager?: EntityManager): Promise<void> {
    const repository = (manager ?? this.db.manager).getRepository(ClusterEvent);
    await repository.insert({ operationId: null, ...event, message: safeMessage(event.message), data: safeJson(event.data ?? {}) as never });
    if (!manager) await this.announce(event.clusterId);
  }

  /** A wake-up only: listeners read the table, which stays the truth (and poll it when Redis is away). */
  async announce(clusterId: string): Promise<void> {
    await withinRedisDeadline(this.redis.publish(eventChannel(this.config.redisPrefix, clusterId), '1'), 'a wake-up').catch(() => undefined);
  }

  async page(clusterId: string, options: { afterId?: string; limit: number; offset?: number }): Promise<{ items: ClusterEvent[]; total: number }> {
    const where = { clusterId, ...(options.afterId ? { id: MoreThan(options.afterId) } : {}) };
    const [items, total] = await this.db.getRepository(ClusterEvent).findAndCount({
      where,
      order: { id: 'ASC' },
      take: options.limit,
      skip: options.offset ?? 0,
    });
    return { items, total };
  }
}
