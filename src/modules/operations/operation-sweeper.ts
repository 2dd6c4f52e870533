import { Inject, Injectable, Logger, OnApplicationBootstrap, OnModuleDestroy } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, In, LessThan } from 'typeorm';
import { RepeatingTask } from '../../common/scheduling';
import { HERD_CONFIG, HerdConfig } from '../../config/config';
import { JobQueues } from '../../queue/job-queues';
import { withinRedisDeadline } from '../../queue/redis-deadline';
import { Operation, OperationIntake, UNFINISHED_OPERATION } from '../lifecycle';

/** Younger operations may still be between their commit and their enqueue. */
const GRACE_MS = 5_000;

/**
 * The recovery path of "commit, then enqueue": an unfinished operation whose job is missing
 * (Redis was down at enqueue or lost its keys, or its job ended without recording an outcome)
 * is enqueued again. Enqueueing is idempotent (job id = operation id), so every worker may
 * sweep; a sweep starts only once the previous one ended, and reads each operation again just
 * before enqueueing it, so an operation that finished meanwhile is left alone.
 */
@Injectable()
export class OperationSweeper implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger(OperationSweeper.name);
  private readonly repeating: RepeatingTask;

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    @Inject(HERD_CONFIG) config: HerdConfig,
    private readonly queues: JobQueues,
    private readonly intake: OperationIntake,
  ) {
    this.repeating = new RepeatingTask(() => this.sweep(), config.operations.sweepEveryMs);
  }

  onApplicationBootstrap(): void {
    this.repeating.start();
  }

  onModuleDestroy(): Promise<void> {
    return this.repeating.stop();
  }

  /** Returns the ids it enqueued. */
  async sweep(): Promise<string[]> {
    const enqueued: string[] = [];
    try {
      const unfinished = await this.db.getRepository(Operation).find({
        where: { status: In(UNFINISHED_OPERATION), createdAt: LessThan(new Date(Date.now() - GRACE_MS)) },
        order: { createdAt: 'ASC' },
        take: 1000,
      });
      const queue = this.queues.queue('operations');
      for (const operation of unfinished) {
        const job = await withinRedisDeadline(queue.getJob(operation.id), 'the job lookup');
        const state = job ? await withinRedisDeadline(job.getState(), 'the job state') : 'missing';
        if (state !== 'missing' && state !== 'unknown' && state !== 'completed' && state !== 'failed') continue;
        if (!(await this.stillUnfinished(operation.id))) continue;
        if (job && (state === 'completed' || state === 'failed')) await withinRedisDeadline(job.remove(), 'the job removal');
        await this.intake.enqueue(operation);
        enqueued.push(operation.id);
      }
      if (enqueued.length > 0) this.logger.warn(`re-enqueued ${enqueued.length} operation(s) whose job was missing: ${enqueued.join(', ')}`);
    } catch (error) {
      this.logger.warn(`operation sweep failed: ${(error as Error).message}`);
    }
    return enqueued;
  }

  private stillUnfinished(operationId: string): Promise<boolean> {
    return this.db.getRepository(Operation).existsBy({ id: operationId, status: In(UNFINISHED_OPERATION) });
  }
}
