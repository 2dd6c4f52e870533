import { Inject, Injectable, OnModuleDestroy } from '@nestjs/common';
import { EventEmitter } from 'node:events';
import { HERD_CONFIG, HerdConfig } from '../../config/config';
import { createRedis, RedisConnection } from '../../queue/redis.module';
import { eventChannel } from './cluster-events.service';

/**
 * One Redis subscription per API process, fanned out to the SSE streams it serves, so an event
 * written by any worker wakes every stream of that cluster in every API replica.
 */
@Injectable()
export class EventWakeups implements OnModuleDestroy {
  private subscriber: RedisConnection | undefined;
  private readonly emitter = new EventEmitter().setMaxListeners(0);
  private readonly prefix: string;

  constructor(@Inject(HERD_CONFIG) private readonly config: HerdConfig) {
    this.prefix = eventChannel(config.redisPrefix, '');
  }

  async watch(clusterId: string, wake: () => void): Promise<() => void> {
    await this.ensureSubscribed();
    this.emitter.on(clusterId, wake);
    return () => this.emitter.off(clusterId, wake);
  }

  private async ensureSubscribed(): Promise<void> {
    if (this.subscriber) return;
    this.subscriber = createRedis(this.config);
    this.subscriber.on('pmessage', (_pattern, channel: string) => this.emitter.emit(channel.slice(this.prefix.length)));
    await this.subscriber.psubscribe(`${this.prefix}*`);
  }

  async onModuleDestroy(): Promise<void> {
    await this.subscriber?.quit().catch(() => this.subscriber?.disconnect());
  }
}
