import { Inject, Injectable } from '@nestjs/common';
import { HERD_CONFIG, HerdConfig } from '../../config/config';
import { REDIS, RedisConnection } from '../../queue/redis.module';
import type { ClusterEvent } from '../events';

/** The Redis stream every cluster event is appended to, e.g. `herd:event-feed`. */
export function eventFeedKey(redisPrefix: string): string {
  return `${redisPrefix}:event-feed`;
}

/** The fields of one feed entry, as documented in docs/event-feed.md. */
export function feedFields(event: ClusterEvent): string[] {
  return [
    'eventId', event.id,
    'type', event.type,
    'clusterId', event.clusterId,
    'tenantId', event.tenantId,
    'operationId', event.operationId ?? '',
    'message', event.message,
    'data', JSON.stringify(event.data),
    'time', event.createdAt.toISOString(),
  ];
}

/** Appends events to the feed, trimmed to about HERD_EVENT_FEED_MAXLEN entries. */
@Injectable()
export class EventFeed {
  private readonly key: string;

  constructor(
    @Inject(REDIS) private readonly redis: RedisConnection,
    @Inject(HERD_CONFIG) private readonly config: HerdConfig,
  ) {
    this.key = eventFeedKey(config.redisPrefix);
  }

  /** One pipeline for the batch, in the order given. */
  async append(events: readonly ClusterEvent[]): Promise<void> {
    if (events.length === 0) return;
    const pipeline = this.redis.pipeline();
    for (const event of events) pipeline.xadd(this.key, 'MAXLEN', '~', this.config.eventConsumers.feedMaxLength, '*', ...feedFields(event));
    const results = (await pipeline.exec()) ?? [];
    const failed = results.find(([error]) => error);
    if (failed) throw failed[0]!;
  }
}
