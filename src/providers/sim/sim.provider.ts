import { randomUUID } from 'node:crypto';
import type { Cluster, Redis } from 'ioredis';
import {
  ApplyHooks,
  ApplyPlan,
  AuthFailedError,
  ClusterSpec,
  FatalProviderError,
  NodeSpec,
  ObservedNode,
  PreflightProblem,
  ProviderAdapter,
  ProviderConnection,
  QuotaExceededError,
  VerifyResult,
} from '../spi';
import { SIM_DESCRIPTOR, SimParameters } from './sim.descriptor';
import { realSleep, simAccount, SimFaults, Sleep, transientError } from './sim.faults';
import type { SimHealthServer } from './sim.health-server';
import { toObservedNode } from './sim.mapper';
import type { SimNodeRecord } from './sim.record';
import { SimStore, type SimWorkload } from './sim.store';

export interface SimAdapterOptions {
  redis: Redis | Cluster;
  /** Prefix of the sim's Redis keys (herd passes its `redisPrefix`). */
  keyPrefix: string;
  /** The server whose URL `describe` puts in component endpoints. */
  healthServer: SimHealthServer;
  /** Randomness and sleeping, replaceable in tests. */
  random?: () => number;
  sleep?: Sleep;
}

export interface SimAdapter extends ProviderAdapter {
  /** Makes nodes' hosts crash (status ERROR, components failed) for repair and chaos tests. */
  crashNodes(tag: string, names: string[]): Promise<void>;
  /** Sets the load the cluster's ResourceManager reports (pending apps and containers, allocated memory). */
  setWorkload(tag: string, workload: SimWorkload): Promise<void>;
}

/** Keeps each Lua call short, so a huge launch never blocks Redis for long. */
const LAUNCH_BATCH = 500;

const INSTANCE_TYPES = new Map(SIM_DESCRIPTOR.instanceTypes.map((type) => [type.name, type]));

function instanceTypeProblems(cluster: ClusterSpec): PreflightProblem[] {
  return cluster.hostGroups.flatMap((group, index) =>
    INSTANCE_TYPES.has(group.instanceType)
      ? []
      : [{ field: `hostGroups[${index}].instanceType`, reason: `unknown instance type "${group.instanceType}"; the simulator offers ${[...INSTANCE_TYPES.keys()].join(', ')}` }],
  );
}

class SimConnection implements ProviderConnection {
  private readonly faults: SimFaults;

  constructor(
    private readonly parameters: SimParameters,
    private readonly store: SimStore,
    private readonly health: SimHealthServer,
    private readonly random: () => number,
    sleep: Sleep,
  ) {
    this.faults = new SimFaults(parameters, random, sleep);
  }

  readonly power = {
    stop: (cluster: ClusterSpec, nodes: ObservedNode[]) => this.setPower(cluster, nodes, false),
    start: (cluster: ClusterSpec, nodes: ObservedNode[]) => this.setPower(cluster, nodes, true),
  };

  async verify(): Promise<VerifyResult> {
    try {
      await this.faults.enter();
    } catch (error) {
      if (error instanceof AuthFailedError) return { ok: false, message: `${error.message} (${error.backendMessage})` };
      throw error;
    }
    const { nodeQuota } = this.parameters;
    return { ok: true, message: `Simulator ready (quota: ${nodeQuota === undefined ? 'unlimited' : nodeQuota} nodes)` };
  }

  async prerequisites(cluster: ClusterSpec): Promise<PreflightProblem[]> {
    await this.faults.enter();
    const problems = instanceTypeProblems(cluster);
    const quota = this.parameters.nodeQuota;
    if (quota !== undefined) {
      const [inUse, ofThisCluster] = await Promise.all([this.store.accountNodeCount(simAccount(cluster.tenantId, this.parameters)), this.store.clusterNodeCount(cluster.tag)]);
      const wanted = cluster.hostGroups.reduce((sum, group) => sum + group.nodeCount, 0);
      const needed = inUse - ofThisCluster + wanted;
      if (needed > quota) problems.push({ field: 'hostGroups', reason: `the cluster needs ${wanted} nodes; with ${inUse - ofThisCluster} in use elsewhere that exceeds the quota of ${quota}` });
    }
    return problems;
  }

  async describe(cluster: ClusterSpec): Promise<ObservedNode[]> {
    await this.faults.enter();
    if (this.faults.transient('describe')) throw transientError('describe');
    const [states, baseUrl] = await Promise.all([this.store.nodes(cluster.tag), this.healthBaseUrl()]);
    const now = Date.now();
    return states.map((state) => toObservedNode(cluster.tag, state, now, baseUrl));
  }

  async apply(cluster: ClusterSpec, plan: ApplyPlan, hooks: ApplyHooks): Promise<void> {
    await this.faults.enter();
    const records = plan.launch.map((node) => this.record(cluster, node));
    if (plan.terminate.length > 0) {
      if (this.faults.transient('terminate')) throw transientError('terminate');
      await this.store.terminate(cluster.tag, plan.terminate.map((node) => node.name));
    }
    if (records.length === 0) return;
    // A transient failure may strike after part of the batch was made, as a timed-out cloud call would.
    const failed = this.faults.transient('launch');
    const made = failed ? records.slice(0, Math.floor(this.random() * (records.length + 1))) : records;
    const account = simAccount(cluster.tenantId, this.parameters);
    for (let start = 0; start < made.length; start += LAUNCH_BATCH) {
      const outcome = await this.store.launch(cluster.tag, made.slice(start, start + LAUNCH_BATCH), account, this.parameters.nodeQuota);
      for (const node of outcome.nodes) await hooks.resourceCreated({ node: node.name, providerId: node.providerId, type: 'sim-node' });
      if (outcome.quotaExceeded) {
        throw new QuotaExceededError(`the simulated account's quota of ${this.parameters.nodeQuota} nodes is used up`, `Quota exceeded for instances: requested ${records.length}`);
      }
    }
    hooks.progress?.(`simulator holds ${made.length} of ${records.length} requested nodes`);
    if (failed) throw transientError('launch');
  }

  async teardown(cluster: ClusterSpec): Promise<void> {
    await this.faults.enter();
    if (this.faults.transient('teardown')) throw transientError('teardown');
    await this.store.teardown(cluster.tag);
  }

  private async healthBaseUrl(): Promise<string> {
    try {
      return await this.health.baseUrl();
    } catch (error) {
      throw new FatalProviderError('the simulator cannot serve its health endpoints (is HERD_SIM_HEALTH_PORT taken?)', (error as Error).message, { cause: error });
    }
  }

  private async setPower(cluster: ClusterSpec, nodes: ObservedNode[], powered: boolean): Promise<void> {
    await this.faults.enter();
    const kind = powered ? 'start' : 'stop';
    if (this.faults.transient(kind)) throw transientError(kind);
    await this.store.setPower(cluster.tag, nodes.map((node) => node.name), powered, Date.now());
  }

  private record(cluster: ClusterSpec, node: NodeSpec): SimNodeRecord {
    const group = cluster.hostGroups.find((candidate) => candidate.name === node.hostGroup);
    if (!group) throw new FatalProviderError(`node ${node.name} belongs to host group ${node.hostGroup}, which the cluster does not have`);
    const type = INSTANCE_TYPES.get(group.instanceType);
    if (!type) throw new FatalProviderError(`unknown instance type "${group.instanceType}" in host group ${group.name}`, `Flavor ${group.instanceType} could not be found`);
    return {
      name: node.name,
      hostGroup: node.hostGroup,
      index: node.index,
      providerId: `sim-${randomUUID()}`,
      account: simAccount(cluster.tenantId, this.parameters),
      instanceType: type.name,
      cpus: type.cpus,
      memoryMb: type.memoryMb,
      components: group.components.map((component) => component.name),
      unhealthy: this.faults.isUnhealthy(group.name, node.index),
      bootMs: this.faults.bootMs(),
      createdAt: Date.now(),
    };
  }
}

/** The `sim` provider: simulated hosts whose state lives in Redis, shared by every worker. */
export function createSimAdapter(options: SimAdapterOptions): SimAdapter {
  const store = new SimStore(options.redis, options.keyPrefix);
  const random = options.random ?? Math.random;
  const sleep = options.sleep ?? realSleep;
  return {
    descriptor: SIM_DESCRIPTOR,
    connect: (parameters) => new SimConnection(parameters as SimParameters, store, options.healthServer, random, sleep),
    crashNodes: (tag, names) => store.crash(tag, names, Date.now()),
    setWorkload: (tag, workload) => store.setWorkload(tag, workload),
  };
}
