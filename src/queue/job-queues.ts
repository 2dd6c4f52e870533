import { Inject, Injectable, Logger, Module, OnModuleDestroy } from '@nestjs/common';
import { Queue } from 'bullmq';
import { atMostEvery } from '../common/logging';
import { HERD_CONFIG, HerdConfig } from '../config/config';
import { createRedis } from './redis.module';
import { JOB_QUEUES, JOB_RETENTION, JobName, JobPayloads, QueueName } from './job-catalogue';

/** How often a job is tried, and the pause before its second try (doubling after each). */
export interface JobRetry {
  attempts: number;
  backoffMs: number;
}

const DEFAULT_RETRY: JobRetry = { attempts: 3, backoffMs: 2000 };

/** The producer side of every queue: typed `add`, deterministic ids, retention limits. */
@Injectable()
export class JobQueues implements OnModuleDestroy {
  private readonly logger = new Logger(JobQueues.name);
  private readonly warn = atMostEvery(60_000, (message) => this.logger.warn(message));
  private readonly queues = new Map<QueueName, Queue>();
  private readonly connection;

  constructor(@Inject(HERD_CONFIG) private readonly config: HerdConfig) {
    this.connection = createRedis(config);
  }

  queue(name: QueueName): Queue {
    let queue = this.queues.get(name);
    if (!queue) {
      queue = new Queue(name, { connection: this.connection, prefix: this.config.redisPrefix });
      // Without a listener BullMQ prints every connection error; the connection itself reconnects.
      queue.on('error', (error: Error) => this.warn(`queue ${name}: ${error.message}`));
      this.queues.set(name, queue);
    }
    return queue;
  }

  /** Adds the job once: a second add with the same id is ignored by BullMQ. */
  async add<N extends JobName>(name: N, payload: JobPayloads[N], jobId: string, retry: JobRetry = DEFAULT_RETRY): Promise<void> {
    await this.queue(JOB_QUEUES[name]).add(name, payload, {
      jobId,
      attempts: retry.attempts,
      backoff: { type: 'exponential', delay: retry.backoffMs },
      ...JOB_RETENTION,
    });
  }

  async onModuleDestroy(): Promise<void> {
    await Promise.all([...this.queues.values()].map((queue) => queue.close()));
    await this.connection.quit().catch(() => this.connection.disconnect());
  }
}

@Module({ providers: [JobQueues], exports: [JobQueues] })
export class JobQueuesModule {}
