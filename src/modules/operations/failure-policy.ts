import { Inject, Injectable } from '@nestjs/common';
import type { ObservedNode } from '../../providers/spi';
import { CLUSTER_INPUTS, ClusterInputs, sizesOf } from '../clusters';
import type { DesiredHostGroup, PartialFailurePolicy } from '../lifecycle';
import { OperationFailure, OperationRun } from './operation-run';
import type { Outcome } from './operation-runner';
import { isReady } from './reconciler/cluster-diff';
import { ClusterReconciler, ConvergeFailure } from './reconciler/cluster-reconciler';

/** How long the clean-up after a failure may take, on top of the operation's own deadline. */
const CLEANUP_MS = 5 * 60_000;

/** What happens when provisioning fails for good: accept a partial cluster, roll back, or keep. */
@Injectable()
export class FailurePolicy {
  constructor(
    private readonly reconciler: ClusterReconciler,
    @Inject(CLUSTER_INPUTS) private readonly inputs: ClusterInputs,
  ) {}

  /** partialFailure: the hostGroups sizes to settle for, or undefined when the policy does not accept. */
  async acceptablePartial(run: OperationRun, failure: OperationFailure): Promise<DesiredHostGroup[] | undefined> {
    if (!(failure instanceof ConvergeFailure)) return undefined;
    const sizes = partialSizes(run.cluster.hostGroups, run.cluster.partialFailure, failure.observed);
    if (!sizes) return undefined;
    const problems = await this.inputs.sizeProblems(run.blueprint, sizesOf(sizes));
    return problems.length === 0 ? sizes : undefined;
  }

  /** Settles for the sizes the policy accepted: unready nodes are terminated, the rest verified. */
  async settle(run: OperationRun, failure: OperationFailure, sizes: DesiredHostGroup[]): Promise<Outcome> {
    const lost = run.cluster.hostGroups
      .map((group) => ({ group, kept: sizes.find((size) => size.name === group.name)!.nodeCount }))
      .filter(({ group, kept }) => kept < group.nodeCount)
      .map(({ group, kept }) => `${kept} of ${group.nodeCount} in ${group.name}`)
      .join(', ');
    const policy = run.cluster.partialFailure;
    const label = policy.policy === 'percentage' ? `percentage (${policy.threshold}%)` : policy.policy;
    await run.report.step(`Settling for ${lost} (partialFailure ${label})`, 90);
    await this.extend({ ...run, spec: { ...run.spec, hostGroups: run.spec.hostGroups.map((group) => ({ ...group, nodeCount: sizes.find((size) => size.name === group.name)!.nodeCount })) } }, (next) =>
      this.reconciler.converge(next, 'running', [90, 99]),
    );
    const reason = `Running with ${lost} nodes: the partialFailure policy ${label} accepted the loss. Cause: ${failure.forUser}`;
    return { operation: 'succeeded', status: 'AVAILABLE', reason, hostGroups: sizes, health: 'DEGRADED' };
  }

  /** onFailure: rollback removes everything tagged with the cluster; keep leaves it and says so. */
  async rollbackOrKeep(run: OperationRun, failure: OperationFailure): Promise<Outcome> {
    if (!run.cluster.launchedAt) {
      return { operation: 'failed', status: 'FAILED', reason: `${failure.forUser}. Nothing had been launched, so there was nothing to remove`, error: failure.forUser };
    }
    if (run.cluster.onFailure === 'keep') {
      const left = await this.reconciler.observe(run).catch(() => [] as ObservedNode[]);
      const reason = `${failure.forUser}. The ${left.length} node${left.length === 1 ? ' that was' : 's that were'} created ${left.length === 1 ? 'was' : 'were'} kept for inspection (onFailure=keep); delete the cluster to remove them`;
      return { operation: 'failed', status: 'FAILED', reason, error: failure.forUser };
    }
    await run.report.step('Rolling back: removing every resource of the cluster', 90, { cause: failure.message });
    try {
      await this.extend(run, (next) => this.reconciler.teardown(next, [90, 99]));
    } catch (error) {
      const reason = `${failure.forUser}. The rollback also failed (${(error as Error).message}); delete the cluster to remove what is left`;
      return { operation: 'failed', status: 'FAILED', reason, error: failure.forUser };
    }
    return { operation: 'failed', status: 'FAILED', reason: `${failure.forUser}. Everything that was created has been removed (onFailure=rollback)`, error: failure.forUser };
  }

  /** Runs `body` with a fresh deadline: clean-up must be able to run after a timeout. */
  async extend<T>(run: OperationRun, body: (run: OperationRun) => Promise<T>): Promise<T> {
    return body({ ...run, deadline: Date.now() + CLEANUP_MS });
  }
}

/** The sizes a partialFailure policy settles for, given what is ready; undefined when it does not accept. */
export function partialSizes(hostGroups: DesiredHostGroup[], policy: PartialFailurePolicy, observed: ObservedNode[]): DesiredHostGroup[] | undefined {
  if (policy.policy === 'exact') return undefined;
  const ready = uniqueReady(observed);
  const sizes: DesiredHostGroup[] = [];
  for (const group of hostGroups) {
    const have = ready.filter((node) => node.hostGroup === group.name).length;
    const need = group.nodeCount === 0 ? 0 : policy.policy === 'percentage' ? Math.ceil(((policy.threshold ?? 100) * group.nodeCount) / 100) : 1;
    if (have < need) return undefined;
    sizes.push({ ...group, nodeCount: Math.min(have, group.nodeCount) });
  }
  return sizes;
}

function uniqueReady(observed: ObservedNode[]): ObservedNode[] {
  const byName = new Map<string, ObservedNode>();
  for (const node of observed) if (isReady(node) && !byName.has(node.name)) byName.set(node.name, node);
  return [...byName.values()];
}
