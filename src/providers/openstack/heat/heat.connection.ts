import { sleep } from '../../../common/scheduling';
import {
  ConflictError,
  FatalProviderError,
  NotFoundError,
  RetryableProviderError,
  type ApplyHooks,
  type ApplyPlan,
  type BackendOperation,
  type ClusterSpec,
  type NodeSpec,
  type ObservedNode,
  type PowerFacet,
  type PreflightProblem,
  type ProviderConnection,
  type VerifyResult,
} from '../../spi';
import type { KeystoneSession } from '../keystone';
import { clusterResourceName } from '../naming';
import { NovaConnection } from '../nova/nova.connection';
import { openstackPreflight } from '../preflight';
import { resolveGroup } from '../resolve-group';
import { DELAY_TYPE, DOCKER_CONTAINER_TYPE } from './heat.docker-container';
import { HeatApi, isDeleting, type HeatEvent, type HeatStack } from './heat.client';
import { choosePath, readHeatOptions, type ComponentPath, type ComponentsOption } from './heat.options';
import { nextTemplate, serverNames, type HeatGroup } from './heat.template';

export interface HeatConnectionOptions {
  /** How long a stop or start follows the stack's suspend or resume before returning. */
  followMs?: number;
  pollIntervalMs?: number;
  stackTimeoutMins?: number;
}

/** Stack operations that make, change or roll back servers: while one runs, no server of the stack is RUNNING yet. */
const RESHAPING = /^(CREATE|UPDATE|ROLLBACK|ADOPT)_IN_PROGRESS$/;

/**
 * One Heat stack per cluster: scaling is a stack update, stop/start a suspend/resume of the stack.
 * `apply` and `teardown` ask Heat and return; the stack's progress is read by `describe` and
 * `operationInProgress`.
 */
export class HeatConnection implements ProviderConnection {
  readonly heat: HeatApi;
  readonly nova: NovaConnection;
  private dockerOffered?: Promise<boolean>;

  constructor(
    readonly session: KeystoneSession,
    private readonly opts: HeatConnectionOptions = {},
    heat: HeatApi = new HeatApi(session),
  ) {
    this.heat = heat;
    this.nova = new NovaConnection(session);
  }

  async verify(): Promise<VerifyResult> {
    const token = await this.session.getToken();
    const types = await this.heat.resourceTypes();
    const docker = types.includes(DOCKER_CONTAINER_TYPE) ? `offers ${DOCKER_CONTAINER_TYPE}` : `has no ${DOCKER_CONTAINER_TYPE}: components start from user_data`;
    return { ok: true, message: `Keystone accepted the credential (project ${token.projectName ?? token.projectId}); Heat answers with ${types.length} resource types and ${docker}` };
  }

  /**
   * Whether this Heat can create containers itself (Debian's Heat does not ship the Docker plugin).
   * Asked once per connection; a failed question is asked again next time.
   */
  offersDockerContainers(): Promise<boolean> {
    this.dockerOffered ??= this.heat.resourceTypes().then(
      (types) => types.includes(DOCKER_CONTAINER_TYPE),
      (error: unknown) => {
        this.dockerOffered = undefined;
        throw error;
      },
    );
    return this.dockerOffered;
  }

  async prerequisites(cluster: ClusterSpec): Promise<PreflightProblem[]> {
    const problems = await openstackPreflight(this.session, this.nova.nova, cluster);
    for (const [i, group] of cluster.hostGroups.entries()) {
      const { options, problems: optionProblems } = readHeatOptions(group, i);
      problems.push(...optionProblems);
      if (options?.components === 'containers' && !(await this.offersDockerContainers())) {
        problems.push({ field: `hostGroups[${i}].options.components`, reason: notOffered('containers') });
      }
    }
    return problems;
  }

  stackName(cluster: ClusterSpec): string {
    return clusterResourceName(cluster);
  }

  findStack(cluster: ClusterSpec): Promise<HeatStack | undefined> {
    return this.heat.findStack(this.stackName(cluster));
  }

  /**
   * Nova's servers as the stack's state shows them, plus the stack's servers Nova does not list yet
   * (or any more). While a stack operation runs its servers are not RUNNING; while the stack is
   * deleted they are TERMINATING, and a failed operation shows as ERROR with Heat's reason. The
   * stack's resources stay listed until Heat has deleted the stack, so an empty answer means the
   * stack is gone too.
   */
  async describe(cluster: ClusterSpec): Promise<ObservedNode[]> {
    const stack = await this.findStack(cluster);
    const servers = await this.nova.describe(cluster);
    if (!stack) return servers;
    const nodes = servers.map((node) => asStackShows(node, stack));
    const seen = new Set(nodes.map((node) => node.name));
    const failed = stack.stack_status.endsWith('_FAILED');
    const deleting = stack.stack_status === 'DELETE_IN_PROGRESS';
    for (const r of await this.heat.resources(stack)) {
      if (r.resource_type !== 'OS::Nova::Server' || seen.has(r.resource_name)) continue;
      const resourceFailed = r.resource_status.endsWith('_FAILED');
      const { hostGroup, index } = parseNodeName(cluster, r.resource_name);
      nodes.push({
        name: r.resource_name,
        hostGroup,
        index,
        providerId: r.physical_resource_id || `${stack.id}/${r.resource_name}`,
        status: resourceFailed || failed ? 'ERROR' : deleting ? 'TERMINATING' : 'PENDING',
        statusReason: resourceFailed ? r.resource_status_reason : failed ? stack.stack_status_reason : stackWords(stack),
        addresses: {},
        components: [],
      });
    }
    return nodes;
  }

  /** The stack operation under way, with Heat's latest event about it. */
  async operationInProgress(cluster: ClusterSpec): Promise<BackendOperation | undefined> {
    const stack = await this.findStack(cluster);
    if (!stack?.stack_status.endsWith('_IN_PROGRESS')) return undefined;
    const latest = await this.heat.latestEvent(stack);
    return { status: stackWords(stack), ...(latest && { detail: eventWords(latest) }) };
  }

  async apply(cluster: ClusterSpec, plan: ApplyPlan, hooks: ApplyHooks): Promise<void> {
    const name = this.stackName(cluster);
    await this.dropDuplicates(name);
    const stack = await this.heat.findStack(name);
    const current = stack ? await this.heat.template(stack) : undefined;
    const have = new Set(serverNames(current));
    const launch = plan.launch.filter((n) => !have.has(n.name));
    const terminate = plan.terminate.map((n) => n.name).filter((n) => have.has(n));
    if (stack && !launch.length && !terminate.length) {
      // nothing to change: adopt the stack, whatever operation it is in (a failed one is updated again)
      await hooks.resourceCreated({ providerId: stack.id, type: 'OS::Heat::Stack' });
      if (!stack.stack_status.endsWith('_FAILED')) return;
    }
    if (stack?.stack_status.endsWith('_IN_PROGRESS')) {
      throw new ConflictError(`stack ${name} is ${stack.stack_status}`, stack.stack_status_reason);
    }
    const resolved = await this.resolveGroups(cluster, launch, hooks.progress);
    const template = nextTemplate(cluster, current, launch.map((node) => ({ node, group: resolved.get(node.hostGroup)! })), terminate);
    const timeout = this.opts.stackTimeoutMins ?? 60;
    if (stack) {
      await hooks.resourceCreated({ providerId: stack.id, type: 'OS::Heat::Stack' });
      await this.heat.updateStack(stack, template, timeout);
      hooks.progress?.(`stack ${name} update started: +${launch.length} -${terminate.length} server(s)`);
      return;
    }
    let id: string;
    try {
      id = await this.heat.createStack(name, template, ['herd', `herd-${cluster.tag}`.slice(0, 80)], timeout);
    } catch (error) {
      // another apply created it first: adopt that stack
      const raced = error instanceof ConflictError ? await this.heat.findStack(name) : undefined;
      if (!raced) throw error;
      await hooks.resourceCreated({ providerId: raced.id, type: 'OS::Heat::Stack' });
      return;
    }
    await hooks.resourceCreated({ providerId: id, type: 'OS::Heat::Stack' });
    hooks.progress?.(`stack ${name} create started`);
    const keeper = await this.dropDuplicates(name);
    if (keeper && keeper.id !== id) {
      await hooks.resourceCreated({ providerId: keeper.id, type: 'OS::Heat::Stack' });
      hooks.progress?.(`stack ${name}: a racing apply created it too; that one is kept`);
    }
  }

  /**
   * Heat does not make stack names unique under concurrent creates: two applies racing on one
   * cluster may each create its stack. All agree on one keeper, the first in `listStacks`' order
   * (oldest, then id), and every other stack of the name is deleted. Called at every apply, and
   * once more by an apply that has just created a stack: of two racers, the one that lists last
   * sees both stacks, since each lists after its own create returned.
   */
  private async dropDuplicates(name: string): Promise<HeatStack | undefined> {
    const [keeper, ...duplicates] = (await this.heat.listStacks(name)).filter((stack) => !isDeleting(stack));
    for (const duplicate of duplicates) await this.heat.deleteStack(duplicate);
    return keeper;
  }

  /**
   * Waits until the stack's suspend or resume ends (or followMs passes); a failure carries Heat's
   * reason. Unlike apply and teardown, stop and start still wait: `describe` could not tell a resume
   * that failed from servers that are merely stopped.
   */
  private async waitForPowerAction(stack: HeatStack): Promise<void> {
    const deadline = Date.now() + (this.opts.followMs ?? 600_000);
    for (;;) {
      const now = await this.heat.getStack(stack.stack_name, stack.id);
      if (!now) throw new RetryableProviderError(`stack ${stack.stack_name} disappeared`, 'stack not found');
      if (now.stack_status.endsWith('_FAILED')) {
        throw new FatalProviderError(`stack ${stack.stack_name} ${now.stack_status}: ${now.stack_status_reason}`, now.stack_status_reason);
      }
      if (!now.stack_status.endsWith('_IN_PROGRESS') || Date.now() > deadline) return;
      await sleep(this.opts.pollIntervalMs ?? 1000);
    }
  }

  /** Each launching host group resolved, with the path its components take (said in a progress message). */
  private async resolveGroups(cluster: ClusterSpec, launch: NodeSpec[], progress?: (message: string) => void): Promise<Map<string, HeatGroup>> {
    const out = new Map<string, HeatGroup>();
    for (const name of new Set(launch.map((n) => n.hostGroup))) {
      const index = cluster.hostGroups.findIndex((g) => g.name === name);
      if (index < 0) throw new FatalProviderError(`node of unknown host group '${name}'`, 'unknown host group');
      const group = cluster.hostGroups[index];
      const { options, problems } = readHeatOptions(group, index);
      if (!options) throw new FatalProviderError(problems.map((p) => `${p.field}: ${p.reason}`).join('; '), problems[0]?.reason);
      const offered = options.components === 'user-data' ? false : await this.offersDockerContainers();
      const path = choosePath(options.components, offered);
      if (!path) throw new FatalProviderError(`hostGroups[${index}].options.components: ${notOffered(options.components)}`, `no ${DOCKER_CONTAINER_TYPE}`);
      progress?.(pathMessage(name, options.components, path));
      const resolved = await resolveGroup(this.session, this.nova.nova, group, index);
      out.set(name, { ...resolved, path, dockerStartDelaySeconds: options.dockerStartDelaySeconds });
    }
    return out;
  }

  /**
   * The whole cluster: Heat's suspend/resume of the stack (Nova's stop/start of every server when the
   * stack cannot be resumed). Some nodes only: Nova's stop/start of those servers (Heat has no
   * per-resource suspend and leaves power state alone on update).
   */
  readonly power: PowerFacet = {
    stop: (cluster, nodes) => this.powerNodes(cluster, nodes, 'suspend'),
    start: (cluster, nodes) => this.powerNodes(cluster, nodes, 'resume'),
  };

  private async powerNodes(cluster: ClusterSpec, nodes: ObservedNode[], action: 'suspend' | 'resume'): Promise<void> {
    const all = await this.nova.describe(cluster);
    const chosen = new Set(nodes.map((n) => n.name));
    const whole = nodes.length === 0 || all.every((n) => chosen.has(n.name));
    if (whole && (await this.resumable(cluster))) return this.stackAction(cluster, action);
    const some = whole ? all : all.filter((n) => chosen.has(n.name));
    return action === 'suspend' ? this.nova.power.stop(cluster, some) : this.nova.power.start(cluster, some);
  }

  /**
   * Heat's `OS::Heat::Delay` cannot be resumed (its check_resume_complete calls a method it does not have,
   * in Heat 19 as in Heat's master), so a stack holding one (the containers path) is never suspended:
   * its servers are stopped and started through Nova, and each node starts its containers again at boot.
   */
  private async resumable(cluster: ClusterSpec): Promise<boolean> {
    const stack = await this.findStack(cluster);
    if (!stack) return true;
    return !Object.values((await this.heat.template(stack)).resources ?? {}).some((r) => r.type === DELAY_TYPE);
  }

  private async stackAction(cluster: ClusterSpec, action: 'suspend' | 'resume'): Promise<void> {
    const stack = await this.findStack(cluster);
    if (!stack) throw new FatalProviderError(`no stack for cluster ${cluster.tag}`, 'stack not found');
    const done = action === 'suspend' ? stack.stack_status.startsWith('SUSPEND_') : !stack.stack_status.startsWith('SUSPEND_');
    if (done && !stack.stack_status.endsWith('_FAILED')) return;
    if (stack.stack_status.endsWith('_IN_PROGRESS')) throw new ConflictError(`stack ${stack.stack_name} is ${stack.stack_status}`, stack.stack_status_reason);
    await this.heat.action(stack, action);
    await this.waitForPowerAction(stack);
  }

  /** Lets go of the Keystone session; the last connection out closes its HTTP agent. */
  close(): Promise<void> {
    return this.session.release();
  }

  /**
   * Deletes every stack of the cluster's name that Heat is not deleting already (a DELETE_FAILED
   * one again), and, the Nova way, the servers that carry the tag but are in none of those stacks.
   */
  async teardown(cluster: ClusterSpec): Promise<void> {
    const stacks = (await this.heat.listStacks(this.stackName(cluster))).filter((stack) => stack.stack_status !== 'DELETE_COMPLETE');
    const inStacks = new Set<string>();
    for (const stack of stacks) {
      if (stack.stack_status !== 'DELETE_IN_PROGRESS') await this.heat.deleteStack(stack);
      // a stack Heat has just finished deleting has no template any more
      const template = await this.heat.template(stack).catch((error: unknown) => {
        if (error instanceof NotFoundError) return undefined;
        throw error;
      });
      for (const name of serverNames(template)) inStacks.add(name);
    }
    await this.nova.deleteServers((await this.nova.servers(cluster)).filter((server) => !inStacks.has(server.name)));
    // the server groups of a stack are the stack's to delete
    if (!stacks.length) await this.nova.deleteServerGroups(cluster);
  }
}

function pathMessage(hostGroup: string, option: ComponentsOption, path: ComponentPath): string {
  if (path === 'containers') return `host group ${hostGroup}: Heat creates one ${DOCKER_CONTAINER_TYPE} per component (components=${option}; Heat offers the type)`;
  const why = option === 'auto' ? `; Heat does not offer ${DOCKER_CONTAINER_TYPE}` : '';
  return `host group ${hostGroup}: components start from user_data (components=${option}${why})`;
}

function notOffered(option: ComponentsOption): string {
  return `'${option}' needs ${DOCKER_CONTAINER_TYPE}, which this Heat does not offer (it is missing from Heat's resource-type list; Debian's Heat does not ship the Docker plugin): use 'auto' or 'user-data'`;
}

/** A server as its stack's state shows it. */
function asStackShows(node: ObservedNode, stack: HeatStack): ObservedNode {
  const status = stack.stack_status;
  if (status === 'DELETE_IN_PROGRESS' && node.status !== 'TERMINATING') return { ...node, status: 'TERMINATING', statusReason: stackWords(stack) };
  if (status === 'DELETE_FAILED' && node.status !== 'TERMINATING') return { ...node, status: 'ERROR', statusReason: stack.stack_status_reason ?? stackWords(stack) };
  if (RESHAPING.test(status) && node.status === 'RUNNING') return { ...node, status: 'STARTING', statusReason: stackWords(stack) };
  return node;
}

function stackWords(stack: HeatStack): string {
  return `stack ${stack.stack_name} ${stack.stack_status}`;
}

function eventWords(event: HeatEvent): string {
  return `${event.resource_name}: ${event.resource_status}${event.resource_status_reason ? ` (${event.resource_status_reason})` : ''}`;
}

function parseNodeName(cluster: ClusterSpec, name: string): { hostGroup: string; index: number } {
  const match = /^(.*)-(\d+)$/.exec(name);
  const index = match ? Number(match[2]) : -1;
  const group = cluster.hostGroups.find((g) => match && match[1].endsWith(`-${g.name.toLowerCase().replace(/[^a-z0-9-]/g, '-')}`));
  return { hostGroup: group?.name ?? '', index };
}
