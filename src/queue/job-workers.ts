import { Inject, Injectable, Logger, Module, OnApplicationBootstrap, OnModuleDestroy, SetMetadata } from '@nestjs/common';
import { DiscoveryModule, DiscoveryService } from '@nestjs/core';
import { Job, UnrecoverableError, WaitingError, Worker } from 'bullmq';
import type { RedisConnection } from './redis.module';
import { atMostEvery } from '../common/logging';
import { HERD_CONFIG, HerdConfig } from '../config/config';
import { checkHandlers, JOB_QUEUES, JobHandler, JobName, QueueName } from './job-catalogue';
import { JobHandedBack } from './job-handed-back';
import { JobRefused } from './job-refused';
import { createRedis } from './redis.module';

const JOB_HANDLER = 'herd:job-handler';

/** Marks a provider as the one handler of its job name; the worker finds it at boot. */
export const HandlesJobs = () => SetMetadata(JOB_HANDLER, true);

/** Told when a job starts and when its run ends; must not throw. */
export interface JobRunObserver {
  /** `waitedSeconds`: from the moment the job became due (enqueued, or its delay over) to its first start. Absent for a retry or a run taken over after a stall. */
  jobStarted(job: { queue: QueueName; name: string; waitedSeconds?: number }): void;
  jobEnded(job: { queue: QueueName; name: string; outcome: JobOutcome; seconds: number }): void;
}

export type JobOutcome = 'completed' | 'failed' | 'handed-back';

/** What a shutdown did with the jobs that were running when it began. */
export interface DrainResult {
  running: number;
  /** Stopped at a step boundary after the grace period and put back in the queue for another worker. */
  handedBack: number;
  /** Still inside a provider call when the wait ended: taken over by another worker once its lock expires. */
  abandoned: number;
}

/** After the grace period, how long handed-back jobs get to reach their next step boundary. */
const HAND_BACK_WAIT_MS = 10_000;

/**
 * The consumer side: one BullMQ worker per queue that has jobs, dispatching by job name to the
 * handler registered for it. Runs only in the worker role.
 */
@Injectable()
export class JobWorkers implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger(JobWorkers.name);
  private readonly workers: { worker: Worker; connection: RedisConnection }[] = [];
  private readonly handlers = new Map<JobName, JobHandler>();
  private readonly observers: JobRunObserver[] = [];
  private readonly stopping = new AbortController();
  private running = 0;
  private handedBack = 0;

  constructor(
    private readonly discovery: DiscoveryService,
    @Inject(HERD_CONFIG) private readonly config: HerdConfig,
  ) {}

  /** Every job run from now on is reported to this observer (metrics, which the queue layer cannot import). */
  observeRuns(observer: JobRunObserver): void {
    this.observers.push(observer);
  }

  onApplicationBootstrap(): void {
    const found = this.discovery
      .getProviders()
      .filter((wrapper) => wrapper.metatype && Reflect.getMetadata(JOB_HANDLER, wrapper.metatype) === true && wrapper.instance)
      .map((wrapper) => wrapper.instance as JobHandler);
    const problems = checkHandlers(found);
    if (problems.length > 0) throw new Error(`herd cannot start, the job catalogue is not covered:\n  - ${problems.join('\n  - ')}`);
    for (const handler of found) this.handlers.set(handler.jobName, handler);
    const queues = new Set<QueueName>(Object.values(JOB_QUEUES));
    for (const queue of queues) this.workers.push(this.start(queue));
  }

  private start(queue: QueueName): { worker: Worker; connection: RedisConnection } {
    const { jobLockMs, workerConcurrency } = this.config.operations;
    const connection = createRedis(this.config);
    const worker = new Worker(queue, (job: Job, token?: string) => this.dispatch(job, token), {
      connection,
      prefix: this.config.redisPrefix,
      concurrency: workerConcurrency,
      lockDuration: jobLockMs,
      // A killed worker's job is moved back to wait after at most one interval past its lock.
      stalledInterval: Math.max(500, Math.floor(jobLockMs / 2)),
      // Handlers reconcile from observation, so handing a job over again is always safe.
      maxStalledCount: 100,
    });
    const logError = atMostEvery(60_000, (message) => this.logger.error(message));
    worker.on('error', (error) => logError(`queue ${queue}: ${error.message}`));
    worker.on('failed', (job, error) => this.logger.warn(`job ${job?.name} ${job?.id} failed: ${error.message}`));
    return { worker, connection };
  }

  /** Each queue this process consumes, and whether its consumer is running (readiness). */
  consumers(): { queue: string; running: boolean }[] {
    return this.workers.map(({ worker }) => ({ queue: worker.name, running: worker.isRunning() && worker.closing === undefined }));
  }

  private async dispatch(job: Job, token: string | undefined): Promise<void> {
    const handler = this.handlers.get(job.name as JobName);
    if (!handler) throw new Error(`no handler for job "${job.name}"`);
    const queue = job.queueName as QueueName;
    const started = performance.now();
    const waitedSeconds = firstWaitOf(job);
    for (const observer of this.observers) observer.jobStarted({ queue, name: job.name, waitedSeconds });
    let outcome: JobOutcome = 'failed';
    this.running++;
    try {
      await handler.handle(job.data, { jobId: job.id!, attempt: job.attemptsMade + 1, maxAttempts: job.opts.attempts ?? 1, stopping: this.stopping.signal });
      outcome = 'completed';
    } catch (error) {
      if (error instanceof JobHandedBack) {
        outcome = 'handed-back';
        this.handedBack++;
        this.logger.log(`job ${job.name} ${job.id}: ${error.message}`);
        await job.moveToWait(token);
        throw new WaitingError();
      }
      if (!(error instanceof JobRefused)) throw error;
      this.logger.error(`job ${job.name} ${job.id} refused: ${error.message}`);
      throw new UnrecoverableError(error.message);
    } finally {
      this.running--;
      const seconds = (performance.now() - started) / 1000;
      for (const observer of this.observers) observer.jobEnded({ queue, name: job.name, outcome, seconds });
    }
  }

  /**
   * The graceful stop after SIGTERM: takes no new jobs, lets running ones finish for `graceMs`,
   * then asks the rest to hand themselves back at their next step boundary and waits a little
   * more for them. A job still inside a provider call after that is taken over by another worker
   * when its lock expires, as after a crash; the reconciler makes either safe.
   */
  async drain(graceMs: number): Promise<DrainResult> {
    const running = this.running;
    const closed = Promise.all(this.workers.map(({ worker }) => worker.close())).then(() => true);
    const timers: NodeJS.Timeout[] = [];
    const after = (ms: number) => new Promise<false>((resolve) => timers.push(setTimeout(() => resolve(false), ms)));
    let finished = await Promise.race([closed, after(graceMs)]);
    if (!finished) {
      this.logger.warn(`shutdown: ${this.running} job(s) still running after ${graceMs} ms (HERD_SHUTDOWN_GRACE_MS); handing them back to the queue`);
      this.stopping.abort();
      finished = await Promise.race([closed, after(HAND_BACK_WAIT_MS)]);
    }
    for (const timer of timers) clearTimeout(timer);
    return { running, handedBack: this.handedBack, abandoned: finished ? 0 : this.running };
  }

  async onModuleDestroy(): Promise<void> {
    await Promise.all(
      this.workers.map(async ({ worker, connection }) => {
        await worker.close();
        await connection.quit().catch(() => connection.disconnect());
      }),
    );
  }
}

/** Enqueue (or the end of its delay) to first start; a retry's or a taken-over run's wait would count earlier runs. */
function firstWaitOf(job: Job): number | undefined {
  if (job.attemptsMade > 0 || job.attemptsStarted > 1 || job.stalledCounter > 0 || job.processedOn === undefined) return undefined;
  // `job.delay` is reset to 0 when a delayed job is promoted; the delay it was given stays in its options.
  return Math.max(0, job.processedOn - job.timestamp - (job.opts.delay ?? 0)) / 1000;
}

@Module({ imports: [DiscoveryModule], providers: [JobWorkers] })
export class JobWorkersModule {}
