import { Inject, Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { randomUUID } from 'node:crypto';
import { DataSource, In } from 'typeorm';
import { safeMessage } from '../../common/secrets';
import { HERD_CONFIG, HerdConfig } from '../../config/config';
import type { JobContext, OperationJobPayload } from '../../queue/job-catalogue';
import { JobHandedBack } from '../../queue/job-handed-back';
import { JobRefused } from '../../queue/job-refused';
import { ClusterBinder } from '../clusters';
import { HerdMetrics, MonitorSchedule } from '../monitoring';
import { Cluster, type ClusterChange, type ClusterHealth, type ClusterStatus, ClusterStore, DesiredHostGroup, Operation, OPERATION_KINDS, paramsOf, UNFINISHED_OPERATION } from '../lifecycle';
import { ClusterEvents } from '../events';
import { OperationCancelled, OperationFailure, OperationRun } from './operation-run';
import { providerFailure } from './reconciler/provider-failure';
import { DatabaseRunReporter } from './run-reporter';

/** How an operation ended, as the cluster will show it. */
export interface Outcome {
  operation: 'succeeded' | 'failed';
  status: ClusterStatus;
  reason: string | null;
  /** The failure in the user's words; also the operation's error. */
  error?: string;
  hostGroups?: DesiredHostGroup[];
  health?: ClusterHealth;
}

/** A failure the handler did not turn into an outcome itself; a scale still goes back to its old sizes. */
function unforeseenFailure(operation: Operation, message: string): Outcome {
  const previous = operation.type === 'scale' ? paramsOf(operation, 'scale').previousHostGroups : undefined;
  return { operation: 'failed', status: OPERATION_KINDS[operation.type].unforeseenFailure, reason: message, error: message, ...(previous ? { hostGroups: previous } : {}) };
}

/** The cluster changed under a run between its read and its outcome's write: the run records nothing. */
class OutcomeOvertaken extends Error {}

export type OperationBody = (run: OperationRun) => Promise<Outcome>;

/** The part of a run that needs no provider: the operation, its cluster and its reporter. */
export type ClaimedRun = Pick<OperationRun, 'operation' | 'cluster' | 'report' | 'deadline'>;

export interface RunPlan {
  /** Runs once the operation is claimed, before the provider is bound. */
  beforeBind?: (run: ClaimedRun) => Promise<void>;
  /** An outcome reached without the provider (the cluster re-read after `beforeBind`), or undefined to bind it and run the body. */
  withoutProvider?: (cluster: Cluster) => Outcome | undefined;
}

/**
 * Runs one operation job: claims it, binds the provider, runs the handler's body and records the
 * outcome, fenced by the cluster's current operation so that a cancelled or superseded run
 * never writes the cluster's status.
 */
@Injectable()
export class OperationRunner {
  private readonly logger = new Logger(OperationRunner.name);

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    @Inject(HERD_CONFIG) private readonly config: HerdConfig,
    private readonly binder: ClusterBinder,
    private readonly monitor: MonitorSchedule,
    private readonly events: ClusterEvents,
    private readonly store: ClusterStore,
    private readonly metrics: HerdMetrics,
  ) {}

  async execute(payload: OperationJobPayload, context: JobContext, body: OperationBody, plan: RunPlan = {}): Promise<void> {
    const operation = await this.db.getRepository(Operation).findOneBy({ id: payload.operationId });
    if (!operation) {
      throw new JobRefused(
        `operation ${payload.operationId} (cluster ${payload.clusterId}) is not in this deployment's database: another deployment may share its Redis prefix "${this.config.redisPrefix}" (HERD_REDIS_PREFIX)`,
      );
    }
    if (!UNFINISHED_OPERATION.includes(operation.status)) return;
    const cluster = await this.db.getRepository(Cluster).findOneBy({ id: operation.clusterId });
    if (!cluster || cluster.currentOperationId !== operation.id) {
      await this.db.getRepository(Operation).update({ id: operation.id, status: In(UNFINISHED_OPERATION) }, { status: 'cancelled', finishedAt: new Date(), error: 'Superseded by a later operation' });
      return;
    }
    const runToken = randomUUID();
    const reporter = new DatabaseRunReporter(this.db, this.events, operation, runToken, context.stopping);
    try {
      await this.claim(operation, cluster, runToken);
      const claimed: ClaimedRun = { operation, cluster, report: reporter, deadline: this.deadlineOf(operation) };
      if (plan.beforeBind) await plan.beforeBind(claimed);
      const unbound = plan.withoutProvider?.(await this.db.getRepository(Cluster).findOneByOrFail({ id: cluster.id }));
      if (unbound) {
        await this.finish(operation, runToken, unbound);
        return;
      }
      const run = await this.bind(claimed);
      try {
        await this.finish(operation, runToken, await body(run));
      } finally {
        await run.connection.close?.().catch(() => undefined);
      }
    } catch (error) {
      if (error instanceof OperationCancelled) {
        this.logger.log(`operation ${operation.id} (${operation.type}) stopped: cancelled`);
        return;
      }
      if (error instanceof JobHandedBack) {
        await reporter.event('operation', `Operation ${operation.type} paused: its worker is shutting down; another worker resumes it`, { operation: operation.type }).catch(() => undefined);
        throw error;
      }
      if (error instanceof OperationFailure) {
        await this.finish(operation, runToken, unforeseenFailure(operation, error.forUser));
        return;
      }
      if (context.attempt >= context.maxAttempts) {
        const message = `Operation ${operation.type} failed on an internal error after ${context.attempt} attempts: ${(error as Error).message}. Retry, and report it if it persists`;
        await this.finish(operation, runToken, unforeseenFailure(operation, message)).catch(() => undefined);
      }
      throw error;
    }
  }

  /**
   * Marks the run started, in one commit: a run taken over after a crash simply claims again. The
   * new run token fences out any earlier run of the operation that is still going (its job was
   * lost with Redis and enqueued again): its next write finds another token and it stops.
   */
  private async claim(operation: Operation, cluster: Cluster, runToken: string): Promise<void> {
    const resumed = operation.startedAt !== null;
    const next = OPERATION_KINDS[operation.type].runningAs;
    const event = (type: 'status' | 'operation', message: string, data: Record<string, unknown>) =>
      ({ clusterId: cluster.id, tenantId: cluster.tenantId, operationId: operation.id, type, message, data });
    await this.db.transaction(async (manager) => {
      const claimed = await manager.getRepository(Operation).update({ id: operation.id, status: In(UNFINISHED_OPERATION) }, { status: 'running', runToken, ...(resumed ? {} : { startedAt: new Date() }) });
      if (claimed.affected !== 1) throw new OperationCancelled(operation.id);
      if (next && cluster.status !== next) {
        if (!(await this.store.change(manager, cluster, { status: next }))) throw new OperationCancelled(operation.id);
        await this.events.record(event('status', `Status ${cluster.status} -> ${next}`, { from: cluster.status, to: next }), manager);
      }
      await this.events.record(event('operation', resumed ? `Operation ${operation.type} resumed by a worker` : `Operation ${operation.type} started`, { operation: operation.type, status: 'running' }), manager);
    });
    await this.events.announce(cluster.id);
  }

  private deadlineOf(operation: Operation): number {
    return operation.createdAt.getTime() + this.config.operations.operationTimeoutMs;
  }

  private async bind(claimed: ClaimedRun): Promise<OperationRun> {
    const { cluster } = claimed;
    try {
      return { ...claimed, ...(await this.binder.bind(cluster)) };
    } catch (error) {
      throw providerFailure(error, 'Preparing the provider connection', `${cluster.providerKind}/${cluster.providerVariant}`);
    }
  }

  private async finish(operation: Operation, runToken: string, unsafe: Outcome): Promise<void> {
    const outcome: Outcome = { ...unsafe, reason: unsafe.reason === null ? null : safeMessage(unsafe.reason), ...(unsafe.error !== undefined ? { error: safeMessage(unsafe.error) } : {}) };
    const cluster = await this.db.getRepository(Cluster).findOneByOrFail({ id: operation.clusterId });
    const recorded = await this.db.transaction(async (manager) => {
      const ended = await manager.getRepository(Operation).update(
        { id: operation.id, status: In(UNFINISHED_OPERATION), runToken },
        { status: outcome.operation, percent: outcome.operation === 'succeeded' ? 100 : undefined, step: outcome.operation === 'succeeded' ? 'Done' : 'Failed', error: outcome.error ?? null, finishedAt: new Date() },
      );
      if (ended.affected !== 1 || cluster.currentOperationId !== operation.id) return false;
      const change: ClusterChange = {
        status: outcome.status,
        statusReason: outcome.reason,
        ...(outcome.hostGroups ? { hostGroups: outcome.hostGroups } : {}),
        ...(outcome.health ? { health: outcome.health } : {}),
        // An operation that ends AVAILABLE has just seen the cluster converge: its health is fresh.
        ...(outcome.health || outcome.status === 'AVAILABLE' ? { healthCheckedAt: new Date() } : {}),
        ...(outcome.status === 'DELETED' ? { deletedAt: new Date() } : {}),
      };
      if (!(await this.store.change(manager, cluster, change))) throw new OutcomeOvertaken();
      const summary = outcome.operation === 'succeeded' ? `Operation ${operation.type} succeeded` : `Operation ${operation.type} failed: ${outcome.error}`;
      await this.events.record({ clusterId: cluster.id, tenantId: cluster.tenantId, operationId: operation.id, type: outcome.operation === 'succeeded' ? 'operation' : 'error', message: summary, data: { operation: operation.type, status: outcome.operation, percent: outcome.operation === 'succeeded' ? 100 : undefined } }, manager);
      if (cluster.status !== outcome.status) {
        await this.events.record({ clusterId: cluster.id, tenantId: cluster.tenantId, operationId: operation.id, type: 'status', message: `Status ${cluster.status} -> ${outcome.status}${outcome.reason ? `: ${outcome.reason}` : ''}`, data: { from: cluster.status, to: outcome.status } }, manager);
      }
      return true;
    }).catch((error: unknown) => {
      if (error instanceof OutcomeOvertaken) return false;
      throw error;
    });
    if (recorded) this.metrics.operationFinished(operation.type, outcome.operation);
    await this.events.announce(operation.clusterId);
    // A lost schedule is given back by the monitor's boot sweep; a stale one removes itself.
    if (recorded) await this.monitor.follow(cluster, outcome.status).catch((error: Error) => this.logger.warn(`cluster ${cluster.id}: the health probe was not ${outcome.status === 'AVAILABLE' ? 'scheduled' : 'removed'}: ${error.message}`));
  }
}
