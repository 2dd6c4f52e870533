import { Injectable, Logger, OnApplicationBootstrap, OnModuleDestroy } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, In, LessThan } from 'typeorm';
import { JobQueues } from '../../queue/job-queues';
import { Operation, UNFINISHED_OPERATION } from './operation.entity';
import { OperationIntake } from './operation-intake';

const SWEEP_EVERY_MS = 30_000;
/** Younger operations may still be between their commit and their enqueue. */
const GRACE_MS = 5_000;

/**
 * The recovery path of "commit, then enqueue": an unfinished operation whose job is missing
 * (Redis was down at enqueue, or its job ended without recording an outcome) is enqueued again.
 * Enqueueing is idempotent (job id = operation id), so every worker may sweep.
 */
@Injectable()
export class OperationSweeper implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger(OperationSweeper.name);
  private timer: NodeJS.Timeout | undefined;

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly queues: JobQueues,
    private readonly intake: OperationIntake,
  ) {}

  onApplicationBootstrap(): void {
    void this.sweep();
    this.timer = setInterval(() => void this.sweep(), SWEEP_EVERY_MS);
    this.timer.unref();
  }

  onModuleDestroy(): void {
    clearInterval(this.timer);
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
        const job = await queue.getJob(operation.id);
        const state = job ? await job.getState() : 'missing';
        if (state === 'completed' || state === 'failed') await job!.remove();
        else if (state !== 'missing' && state !== 'unknown') continue;
        await this.intake.enqueue(operation);
        enqueued.push(operation.id);
      }
      if (enqueued.length > 0) this.logger.warn(`re-enqueued ${enqueued.length} operation(s) whose job was missing: ${enqueued.join(', ')}`);
    } catch (error) {
      this.logger.warn(`operation sweep failed: ${(error as Error).message}`);
    }
    return enqueued;
  }
}
