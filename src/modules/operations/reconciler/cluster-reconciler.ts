import { Inject, Injectable } from '@nestjs/common';
import { HERD_CONFIG, HerdConfig } from '../../../config/config';
import { BackendOperation, CommandFacet, isRetryable, NodeSpec, ObservedNode, ProviderError, providerKey } from '../../../providers/spi';
import { OperationFailure, OperationRun } from '../operation-run';
import { ClusterDiff, diffCluster, hasChanges, isReady, PowerGoal } from './cluster-diff';
import { HadoopDecommissioner } from './hadoop-decommissioner';
import { componentStep, verificationStep } from './hadoop-steps';
import { sleep } from '../../../common/scheduling';
import { HealthSources, NodeLedger, ProviderThrottle, withRetry } from '../../observation';
import { providerFailure } from './provider-failure';

/** Where a run's progress goes for one converge: [from, to] percent. */
export type Band = [number, number];

/** A converge that ran out of time or nodes, with the last observation for the failure policy. */
export class ConvergeFailure extends OperationFailure {
  constructor(message: string, hint: string, readonly observed: ObservedNode[], options?: { cause?: unknown }) {
    super(message, hint, options);
  }
}

const FIRST_POLL_MS = 25;

/**
 * The level-triggered controller of ARCHITECTURE section 5: observe by tag, diff against the
 * desired counts, act with idempotent calls, wait for nodes, components (in start order) and the
 * cluster as a whole, and repeat until converged or the deadline.
 */
@Injectable()
export class ClusterReconciler {
  constructor(
    @Inject(HERD_CONFIG) private readonly config: HerdConfig,
    private readonly ledger: NodeLedger,
    private readonly throttle: ProviderThrottle,
    private readonly health: HealthSources,
    private readonly decommissioner: HadoopDecommissioner,
  ) {}

  async converge(run: OperationRun, goal: PowerGoal, band: Band): Promise<ObservedNode[]> {
    const total = run.spec.hostGroups.reduce((sum, group) => sum + group.nodeCount, 0);
    const replacementLimit = Math.max(2, Math.ceil(total / 2));
    let replacements = 0;
    let pollMs = FIRST_POLL_MS;
    let lastObserved: ObservedNode[] = [];
    let waitingFor = 'nodes';
    const seen = new Map<string, string>();
    for (;;) {
      await run.report.throwIfCancelled();
      if (Date.now() > run.deadline) throw this.timeout(run, waitingFor, lastObserved);
      const passStarted = Date.now();
      const observed = await this.health.of(run.provider).overlay(run, await this.observe(run));
      lastObserved = observed;
      const diff = diffCluster(run.spec, observed, goal);
      await this.ledger.sync(run.cluster.id, observed, diff.launch.map((node) => node.name), seen);
      const atGoal = diff.kept.filter((node) => (goal === 'running' ? node.status === 'RUNNING' : node.status === 'STOPPED')).length;
      const nodesShare = total === 0 ? 1 : atGoal / total;

      // A declarative backend changes its one resource one operation at a time: while it works, herd only watches.
      const busy = await this.operationInProgress(run);
      if (busy) {
        waitingFor = `${this.where(run)} to finish its operation (${busy.status})`;
        await run.report.progress(at(band, 0.5 * nodesShare), busy.detail ? `${busy.status}: ${busy.detail}` : busy.status);
        await sleep(pollMs - (Date.now() - passStarted));
        pollMs = Math.min(this.config.operations.pollMaxMs, pollMs * 2);
        continue;
      }

      replacements += diff.replaced.length;
      if (diff.replaced.length > 0) {
        const names = diff.replaced.map((node) => `${node.name} (${node.statusReason ?? 'no reason given'})`).join(', ');
        if (replacements > replacementLimit) {
          throw new ConvergeFailure(`Nodes kept failing on ${this.where(run)}: ${names}`, 'Look at the nodes\' reasons; the instance type or image of that host group may be broken', observed);
        }
        await run.report.event('warning', `Replacing nodes in ERROR: ${names}`, { nodes: diff.replaced.map((node) => node.name) });
      }

      if (hasChanges(diff)) {
        await this.act(run, diff, band, total);
        pollMs = FIRST_POLL_MS;
        continue;
      }

      if (atGoal < total) {
        waitingFor = `nodes (${atGoal}/${total} ${goal === 'running' ? 'RUNNING' : 'STOPPED'})`;
        // Nodes whose containers run but whose daemons are still coming up: say which Hadoop step that is.
        const starting = goal === 'running' && diff.kept.some((node) => node.status === 'STARTING' && node.components.length > 0) ? this.componentsPending(run, diff.kept) : undefined;
        await run.report.progress(at(band, 0.5 * nodesShare), starting?.label ?? `${atGoal}/${total} nodes ${goal === 'running' ? 'running' : 'stopped'}`);
      } else if (goal === 'stopped') {
        return diff.kept;
      } else {
        const pending = this.componentsPending(run, diff.kept);
        if (pending) {
          waitingFor = pending.label;
          await run.report.progress(at(band, 0.5 + 0.4 * pending.share), pending.label);
        } else {
          waitingFor = 'the cluster verification';
          await run.report.progress(at(band, 0.9), 'Verifying the cluster');
          const verification = await this.health.of(run.provider).verify(run, diff.kept);
          if (verification.ok) {
            await run.report.event('step', `Cluster verified: ${verification.summary}`, { verification: verification.summary });
            return diff.kept;
          }
          waitingFor = `the cluster verification (${verification.summary})`;
          await run.report.progress(at(band, 0.9), verificationStep(verification.summary));
        }
      }
      // The observation's own latency counts towards the pause: a slow backend is polled back to back.
      await sleep(pollMs - (Date.now() - passStarted));
      pollMs = Math.min(this.config.operations.pollMaxMs, pollMs * 2);
    }
  }

  /**
   * Asks the provider to remove everything carrying the cluster's tag, then watches `describe` until
   * it shows nothing. The provider is asked again only while it shows a node it is not removing
   * (not TERMINATING: its removal failed or never reached it); the waits between observations hold
   * no provider slot.
   */
  async teardown(run: OperationRun, band: Band): Promise<void> {
    let pollMs = FIRST_POLL_MS;
    let ask = true;
    for (let pass = 0; ; pass++) {
      if (Date.now() > run.deadline) throw this.timeout(run, 'the teardown to finish', await this.observe(run).catch(() => []));
      if (ask) await this.call(run, 'Tearing down', () => run.connection.teardown(run.spec));
      const left = await this.observe(run);
      await this.ledger.sync(run.cluster.id, left);
      if (left.length === 0) return this.health.of(run.provider).forget(run);
      ask = left.some((node) => node.status !== 'TERMINATING');
      await run.report.progress(at(band, Math.min(0.9, 0.3 + pass * 0.1)), `${left.length} resources still being removed`);
      await sleep(pollMs);
      pollMs = Math.min(this.config.operations.pollMaxMs, pollMs * 2);
    }
  }

  async observe(run: OperationRun): Promise<ObservedNode[]> {
    return this.call(run, 'Observing the nodes', () => run.connection.describe(run.spec));
  }

  private async act(run: OperationRun, diff: ClusterDiff, band: Band, total: number): Promise<void> {
    const { launch, terminate, start, stop } = diff;
    const parts = [
      launch.length && `launching ${launch.length}`,
      terminate.length && `terminating ${terminate.length}`,
      start.length && `starting ${start.length}`,
      stop.length && `stopping ${stop.length}`,
    ].filter(Boolean);
    const verb = parts.join(', ');
    const power = run.connection.power;
    if ((start.length > 0 || stop.length > 0) && !power) {
      throw new OperationFailure(`${this.where(run)} cannot stop or start nodes`, 'Choose a provider whose capabilities include stop/start');
    }
    const count = launch.length + terminate.length + start.length + stop.length;
    await run.report.step(`${verb.charAt(0).toUpperCase()}${verb.slice(1)} node${count === 1 ? '' : 's'}`, at(band, total === 0 ? 0 : (0.5 * diff.kept.filter(isReady).length) / total), {
      launch: launch.map((node) => node.name),
      terminate: terminate.map((node) => node.name),
      start: start.map((node) => node.name),
      stop: stop.map((node) => node.name),
    });
    // Workers that leave a healthy cluster hand their blocks and containers over first; replaced (failed) nodes cannot.
    const leaving = terminate.filter((node) => !diff.replaced.includes(node) && isReady(node));
    const commands = this.commands(run);
    if (leaving.length > 0) await this.decommissioner.drain(run, commands, leaving, diff.kept);
    else if (launch.length > 0) await this.decommissioner.release(run, commands, diff.kept);
    const batch = this.config.operations.applyBatchSize;
    const jobs: Promise<void>[] = [];
    if (run.provider.capabilities.declarative) {
      // One backend operation for the whole step: batches would race on the cluster's one resource.
      if (launch.length > 0 || terminate.length > 0) jobs.push(this.apply(run, { launch, terminate }));
    } else {
      for (let i = 0; i < Math.max(launch.length, terminate.length); i += batch) {
        jobs.push(this.apply(run, { launch: launch.slice(i, i + batch), terminate: terminate.slice(i, i + batch) }));
      }
    }
    for (let i = 0; i < start.length; i += batch) jobs.push(this.call(run, 'Starting nodes', () => power!.start(run.spec, start.slice(i, i + batch))));
    for (let i = 0; i < stop.length; i += batch) jobs.push(this.call(run, 'Stopping nodes', () => power!.stop(run.spec, stop.slice(i, i + batch))));
    const results = await Promise.allSettled(jobs);
    const failed = results.find((result): result is PromiseRejectedResult => result.status === 'rejected');
    if (failed) throw failed.reason;
    if (leaving.length > 0) await this.decommissioner.release(run, commands, diff.kept);
  }

  /** The connection's commands, called as every provider call is: bounded, retried, explained. */
  private commands(run: OperationRun): CommandFacet | undefined {
    const facet = run.connection.commands;
    if (!facet) return undefined;
    return { run: (spec, node, component, command) => this.call(run, `Running ${command.slice(0, 3).join(' ')} on ${node.name}`, () => facet.run(spec, node, component, command)) };
  }

  private async apply(run: OperationRun, plan: { launch: NodeSpec[]; terminate: ObservedNode[] }): Promise<void> {
    const { spec, launch } = await this.health.of(run.provider).prepareLaunch(run, plan.launch);
    plan = { launch, terminate: plan.terminate };
    const byName = new Map(plan.launch.map((node) => [node.name, node]));
    if (plan.launch.length > 0) await this.ledger.launching(run.cluster);
    const doing = plan.launch.length > 0 ? `Launching ${plan.launch.map((node) => node.name).join(', ')}` : `Terminating ${plan.terminate.map((node) => node.name).join(', ')}`;
    await this.call(run, doing, () =>
      run.connection.apply(spec, plan, {
        resourceCreated: (resource) => this.ledger.resourceCreated(run.cluster.id, resource.node ? byName.get(resource.node) : undefined, resource.providerId),
      }),
    );
  }

  /** What a declarative provider is still doing to the cluster; never asked of the others. */
  private async operationInProgress(run: OperationRun): Promise<BackendOperation | undefined> {
    if (!run.provider.capabilities.declarative || !run.connection.operationInProgress) return undefined;
    return this.call(run, 'Reading the provider\'s operation', () => run.connection.operationInProgress!(run.spec));
  }

  /** One provider call: bounded per provider, retried while retryable, explained when terminal. */
  private async call<T>(run: OperationRun, doing: string, call: () => Promise<T>): Promise<T> {
    const where = this.where(run);
    try {
      return await withRetry(() => this.throttle.run(providerKey(run.provider.kind, run.provider.variant), call), {
        deadline: run.deadline,
        capMs: 5_000,
        beforeRetry: () => run.report.throwIfCancelled(),
        onRetry: (error, attempt, delayMs) =>
          attempt === 1 || attempt % 5 === 0
            ? run.report.event('warning', `${doing}: ${(error as Error).message}; retrying in ${delayMs} ms (attempt ${attempt + 1})`, { retryable: true })
            : undefined,
      });
    } catch (error) {
      if (error instanceof ProviderError || !(error instanceof Error) || isRetryable(error)) throw providerFailure(error, doing, where);
      throw error;
    }
  }

  private componentsPending(run: OperationRun, kept: ObservedNode[]): { label: string; share: number } | undefined {
    const orders = new Map<number, Set<string>>();
    for (const group of run.spec.hostGroups) {
      for (const component of group.components) {
        const names = orders.get(component.startOrder) ?? new Set<string>();
        names.add(component.name);
        orders.set(component.startOrder, names);
      }
    }
    const sorted = [...orders.keys()].sort((a, b) => a - b);
    let ready = 0;
    let all = 0;
    let first: string | undefined;
    for (const order of sorted) {
      const names = orders.get(order)!;
      const instances = kept.flatMap((node) => node.components.filter((component) => names.has(component.name)));
      const running = instances.filter((component) => component.status === 'running').length;
      ready += running;
      all += instances.length;
      if (!first && running < instances.length) first = componentStep([...names].sort(), running, instances.length);
    }
    if (!first && kept.every(isReady)) return undefined;
    return { label: first ?? 'Waiting for components', share: all === 0 ? 1 : ready / all };
  }

  private timeout(run: OperationRun, waitingFor: string, observed: ObservedNode[]): ConvergeFailure {
    const minutes = Math.round((run.deadline - run.operation.createdAt.getTime()) / 6000) / 10;
    const unwell = observed.filter((node) => !isReady(node)).slice(0, 5);
    const where = unwell.length > 0 ? `; not ready: ${unwell.map((node) => `${node.name} ${node.status}${describeComponents(node)}`).join(', ')}` : '';
    return new ConvergeFailure(`Timed out after ${minutes} min on ${this.where(run)} waiting for ${waitingFor}${where}`, 'Check those nodes, then retry or delete the cluster', observed);
  }

  private where(run: OperationRun): string {
    return `${run.provider.kind}/${run.provider.variant}`;
  }
}

function describeComponents(node: ObservedNode): string {
  const bad = node.components.filter((component) => component.status !== 'running');
  return bad.length === 0 ? '' : ` (${bad.map((component) => `${component.name} ${component.status}${component.reason ? `: ${component.reason}` : ''}`).join(', ')})`;
}

function at(band: Band, share: number): number {
  return Math.round(band[0] + (band[1] - band[0]) * Math.max(0, Math.min(1, share)));
}
