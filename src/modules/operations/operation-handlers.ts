import { Injectable } from '@nestjs/common';
import type { JobContext, JobHandler, OperationJobPayload } from '../../queue/job-catalogue';
import { HandlesJobs } from '../../queue/job-workers';
import { JobQueues } from '../../queue/job-queues';
import { ClusterSpecBuilder } from '../clusters';
import { paramsOf } from '../lifecycle';
import { FailurePolicy } from './failure-policy';
import { OperationFailure, OperationRun } from './operation-run';
import { ClaimedRun, OperationRunner, Outcome } from './operation-runner';
import type { PowerGoal } from './reconciler/cluster-diff';
import { ClusterReconciler } from './reconciler/cluster-reconciler';
import { pollUntil } from '../../common/scheduling';
import { withRetry } from '../observation';
import { providerFailure } from './reconciler/provider-failure';

@HandlesJobs()
@Injectable()
export class CreateClusterHandler implements JobHandler<'cluster.create'> {
  readonly jobName = 'cluster.create';

  constructor(
    private readonly runner: OperationRunner,
    private readonly reconciler: ClusterReconciler,
    private readonly failures: FailurePolicy,
  ) {}

  handle(payload: OperationJobPayload, context: JobContext): Promise<void> {
    return this.runner.execute(payload, context, (run) => this.provision(run));
  }

  private async provision(run: OperationRun): Promise<Outcome> {
    try {
      await this.preflight(run);
      await this.reconciler.converge(run, 'running', [5, 99]);
      return { operation: 'succeeded', status: 'AVAILABLE', reason: null, health: 'HEALTHY' };
    } catch (error) {
      if (!(error instanceof OperationFailure)) throw error;
      await run.report.event('error', error.forUser);
      const sizes = await this.failures.acceptablePartial(run, error);
      if (sizes) return this.failures.settle(run, error, sizes);
      return this.failures.rollbackOrKeep(run, error);
    }
  }

  private async preflight(run: OperationRun): Promise<void> {
    await run.report.step('Checking prerequisites', 2);
    const where = `${run.provider.kind}/${run.provider.variant}`;
    const problems = await withRetry(() => run.connection.prerequisites(run.spec), { deadline: run.deadline }).catch((error) => {
      throw providerFailure(error, 'Checking prerequisites', where);
    });
    if (problems.length > 0) {
      throw new OperationFailure(`Pre-flight checks failed on ${where}: ${problems.map((p) => `${p.field}: ${p.reason}`).join('; ')}`, 'Fix the request (or the account behind the credential), then retry or delete the cluster');
    }
  }
}

@HandlesJobs()
@Injectable()
export class ScaleClusterHandler implements JobHandler<'cluster.scale'> {
  readonly jobName = 'cluster.scale';

  constructor(
    private readonly runner: OperationRunner,
    private readonly reconciler: ClusterReconciler,
    private readonly failures: FailurePolicy,
    private readonly specs: ClusterSpecBuilder,
  ) {}

  handle(payload: OperationJobPayload, context: JobContext): Promise<void> {
    return this.runner.execute(payload, context, (run) => this.scale(run));
  }

  private async scale(run: OperationRun): Promise<Outcome> {
    const { hostGroup, from, to } = paramsOf(run.operation, 'scale');
    try {
      await run.report.step(`Scaling ${hostGroup} from ${from} to ${to} nodes`, 2);
      await this.reconciler.converge(run, 'running', [5, 99]);
      return { operation: 'succeeded', status: 'AVAILABLE', reason: null };
    } catch (error) {
      if (!(error instanceof OperationFailure)) throw error;
      return this.restore(run, error, hostGroup, from, to);
    }
  }

  /** A failed scale goes back to the previous sizes, so the cluster stays usable as it was. */
  private async restore(run: OperationRun, failure: OperationFailure, hostGroup: string, from: number, to: number): Promise<Outcome> {
    const previous = paramsOf(run.operation, 'scale').previousHostGroups;
    await run.report.event('error', failure.forUser);
    await run.report.step(`Scale failed; returning ${hostGroup} to ${from} nodes`, 90);
    const spec = await this.specs.build({ ...run.cluster, hostGroups: previous }, run.blueprint);
    try {
      await this.failures.extend({ ...run, spec }, (next) => this.reconciler.converge(next, 'running', [90, 99]));
    } catch (error) {
      const reason = `Scaling ${hostGroup} from ${from} to ${to} failed (${failure.forUser}), and returning to ${from} nodes failed too: ${(error as Error).message}`;
      return { operation: 'failed', status: 'FAILED', reason, error: failure.forUser, hostGroups: previous };
    }
    const reason = `Scaling ${hostGroup} from ${from} to ${to} nodes failed: ${failure.forUser}. The cluster runs at its previous size (${from} nodes in ${hostGroup})`;
    return { operation: 'failed', status: 'AVAILABLE', reason, error: failure.forUser, hostGroups: previous };
  }
}

/** An operation that only converges the cluster to its desired state with one power goal. */
@Injectable()
abstract class ConvergingHandler<N extends 'cluster.stop' | 'cluster.start' | 'cluster.repair'> implements JobHandler<N> {
  abstract readonly jobName: N;
  protected abstract readonly step: string;
  protected abstract readonly goal: PowerGoal;
  protected abstract readonly outcome: Outcome;

  constructor(
    private readonly runner: OperationRunner,
    private readonly reconciler: ClusterReconciler,
  ) {}

  handle(payload: OperationJobPayload, context: JobContext): Promise<void> {
    return this.runner.execute(payload, context, async (run) => {
      await run.report.step(this.step, 2);
      await this.reconciler.converge(run, this.goal, [5, 99]);
      return this.outcome;
    });
  }
}

@HandlesJobs()
@Injectable()
export class StopClusterHandler extends ConvergingHandler<'cluster.stop'> {
  readonly jobName = 'cluster.stop';
  protected readonly step = 'Stopping the nodes';
  protected readonly goal = 'stopped';
  protected readonly outcome: Outcome = { operation: 'succeeded', status: 'STOPPED', reason: null, health: 'UNKNOWN' };
}

@HandlesJobs()
@Injectable()
export class StartClusterHandler extends ConvergingHandler<'cluster.start'> {
  readonly jobName = 'cluster.start';
  protected readonly step = 'Starting the nodes';
  protected readonly goal = 'running';
  protected readonly outcome: Outcome = { operation: 'succeeded', status: 'AVAILABLE', reason: null, health: 'HEALTHY' };
}

@HandlesJobs()
@Injectable()
export class RepairClusterHandler extends ConvergingHandler<'cluster.repair'> {
  readonly jobName = 'cluster.repair';
  protected readonly step = 'Replacing nodes that are not healthy';
  protected readonly goal = 'running';
  protected readonly outcome: Outcome = { operation: 'succeeded', status: 'AVAILABLE', reason: null, health: 'HEALTHY' };
}

@HandlesJobs()
@Injectable()
export class DeleteClusterHandler implements JobHandler<'cluster.delete'> {
  readonly jobName = 'cluster.delete';

  constructor(
    private readonly runner: OperationRunner,
    private readonly reconciler: ClusterReconciler,
    private readonly queues: JobQueues,
  ) {}

  handle(payload: OperationJobPayload, context: JobContext): Promise<void> {
    return this.runner.execute(
      payload,
      context,
      async (run) => {
        await run.report.step('Tearing down every resource of the cluster', 5);
        await this.reconciler.teardown(run, [5, 99]);
        return { operation: 'succeeded', status: 'DELETED', reason: null, health: 'UNKNOWN' };
      },
      {
        beforeBind: async (run) => {
          const cancelled = paramsOf(run.operation, 'delete').cancelledOperationId;
          if (!cancelled) return;
          await run.report.step('Waiting for the cancelled operation to stop', 2);
          await this.waitUntilInactive(run, cancelled);
        },
        // Nothing was ever launched: there is nothing to tear down, and the provider (or its credential) may be gone.
        withoutProvider: (cluster) => (cluster.launchedAt ? undefined : { operation: 'succeeded', status: 'DELETED', reason: 'Nothing had been launched, so the provider was not called', health: 'UNKNOWN' }),
      },
    );
  }

  /** The cancelled job notices between steps; a killed worker's job is released when its lock expires. */
  private async waitUntilInactive(run: ClaimedRun, jobId: string): Promise<void> {
    const active = async () => {
      const job = await this.queues.queue('operations').getJob(jobId);
      return job !== undefined && (await job.isActive());
    };
    const { done } = await pollUntil(active, (isActive) => !isActive, { deadline: run.deadline, intervalMs: 100 });
    if (!done) throw new OperationFailure(`The cancelled operation ${jobId} did not stop in time`, 'Delete the cluster again');
  }
}

export const OPERATION_HANDLERS = [CreateClusterHandler, ScaleClusterHandler, StopClusterHandler, StartClusterHandler, RepairClusterHandler, DeleteClusterHandler];
