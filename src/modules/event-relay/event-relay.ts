import { Inject, Injectable, Logger, OnApplicationBootstrap, OnModuleDestroy } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { atMostEvery } from '../../common/logging';
import { HERD_CONFIG, HerdConfig } from '../../config/config';
import { createRedis, RedisConnection } from '../../queue/redis.module';
import { EventFeed } from '../event-feed';
import { ClusterEvent, eventChannel } from '../events';
import { WebhookFanout } from '../webhooks';
import { IdGaps } from './id-gaps';
import { RelayLock } from './relay-lock';

const BATCH = 200;
/** Longer than any transaction that writes events; a gap still open after it was a rollback. */
const GAP_GRACE_MS = 2000;

interface EventRow {
  id: string;
  cluster_id: string;
  tenant_id: string;
  operation_id: string | null;
  type: ClusterEvent['type'];
  message: string;
  data: Record<string, unknown>;
  created_at: Date;
}

/**
 * Hands every committed cluster event, in id order, to the event feed and to webhook delivery,
 * then marks it relayed; it waits for a missing id (an event whose transaction has not committed
 * yet) before relaying the ones after it. One relay runs per database (an advisory lock); the others wait to take
 * over. Wakes on the events' Redis wake-up, and polls every HERD_EVENT_RELAY_POLL_MS in case
 * Redis is away.
 */
@Injectable()
export class EventRelay implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger(EventRelay.name);
  private readonly warn = atMostEvery(60_000, (message) => this.logger.warn(message));
  private lock: RelayLock | undefined;
  private lastRelayed: bigint | undefined;
  private readonly gaps = new IdGaps(GAP_GRACE_MS);
  private subscriber: RedisConnection | undefined;
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;
  private wokenWhileRunning = false;
  private stopped = false;

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly feed: EventFeed,
    private readonly fanout: WebhookFanout,
    @Inject(HERD_CONFIG) private readonly config: HerdConfig,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    this.subscriber = createRedis(this.config);
    this.subscriber.on('pmessage', () => this.wake());
    await this.subscriber.psubscribe(eventChannel(this.config.redisPrefix, '*')).catch((error: Error) => this.warn(`event relay wake-ups unavailable, polling only: ${error.message}`));
    this.wake();
  }

  private wake(): void {
    if (this.stopped) return;
    if (this.running) {
      this.wokenWhileRunning = true;
      return;
    }
    clearTimeout(this.timer);
    this.running = this.relayPending()
      .catch((error: Error) => this.warn(`event relay: ${error.message}`))
      .finally(() => {
        this.running = undefined;
        if (this.stopped) return;
        if (this.wokenWhileRunning) {
          this.wokenWhileRunning = false;
          this.wake();
        } else this.timer = setTimeout(() => this.wake(), this.config.eventConsumers.relayPollMs);
      });
  }

  private async relayPending(): Promise<void> {
    this.lock ??= await RelayLock.tryTake(this.db);
    if (!this.lock) return;
    try {
      let full = true;
      while (full && !this.stopped) full = (await this.relayBatch(this.lock)) === BATCH;
    } catch (error) {
      // The lock's connection may be gone, and the lock with it: take it again next time.
      await this.lock.release();
      this.lock = undefined;
      this.lastRelayed = undefined;
      throw error;
    }
  }

  private async relayBatch(lock: RelayLock): Promise<number> {
    const rows = (await lock.runner.query(
      `SELECT id, cluster_id, tenant_id, operation_id, type, message, data, created_at FROM cluster_events WHERE relayed_at IS NULL ORDER BY id LIMIT ${BATCH}`,
    )) as EventRow[];
    if (rows.length === 0) return 0;
    this.lastRelayed ??= BigInt(((await lock.runner.query(`SELECT coalesce(max(id), 0) AS id FROM cluster_events WHERE relayed_at IS NOT NULL`)) as { id: string }[])[0]!.id);
    const ready = rows.slice(0, this.gaps.relayable(rows.map((row) => BigInt(row.id)), this.lastRelayed));
    if (ready.length === 0) return 0;
    const events = ready.map(eventOf);
    await this.feed.append(events);
    await this.fanout.enqueue(events);
    await lock.runner.query(`UPDATE cluster_events SET relayed_at = now() WHERE id = ANY($1::bigint[])`, [ready.map((row) => row.id)]);
    const highest = BigInt(ready[ready.length - 1]!.id);
    if (highest > this.lastRelayed) this.lastRelayed = highest;
    return ready.length;
  }

  async onModuleDestroy(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    await this.running;
    await this.lock?.release();
    this.lock = undefined;
    await this.subscriber?.quit().catch(() => this.subscriber?.disconnect());
  }
}

function eventOf(row: EventRow): ClusterEvent {
  return {
    id: String(row.id),
    clusterId: row.cluster_id,
    tenantId: row.tenant_id,
    operationId: row.operation_id,
    type: row.type,
    message: row.message,
    data: row.data,
    createdAt: new Date(row.created_at),
  };
}
