import { sleep } from '../../../common/scheduling';
import type { DockerConnection } from '../../docker/docker.connection';
import {
  AuthFailedError,
  ConflictError,
  FatalProviderError,
  ProviderError,
  nodeName,
  type ApplyHooks,
  type ApplyPlan,
  type BackendOperation,
  type ClusterSpec,
  type NodeStatus,
  type ObservedNode,
  type PreflightProblem,
  type ProviderConnection,
  type VerifyResult,
} from '../../spi';
import { resolveImage } from '../image-lookup';
import type { KeystoneSession } from '../keystone';
import { clusterResourceName } from '../naming';
import { NovaApi } from '../nova/nova.client';
import { findFlavor } from '../preflight';
import { CoeConnections } from './magnum.coe-connections';
import { connectToCoe } from './magnum.coe-link';
import { MagnumApi, type MagnumCluster } from './magnum.client';
import { coeRefusal, desiredNodeCount, readMagnumOptions, templateBody, type MagnumOptions } from './magnum.options';
import { checkSwarmHostGroups, swarmClusterSpec } from './magnum.swarm-spec';

export interface MagnumConnectionOptions {
  /** How often a create is read back until Magnum shows the cluster. */
  pollIntervalMs?: number;
  /** How long a create waits for Magnum to show the cluster it accepted (default 60 s). */
  visibleWithinMs?: number;
}

/** Magnum has finished its last operation on the cluster and it stands (not a delete). */
function isSettled(status: string): boolean {
  return status.endsWith('_COMPLETE') && !status.startsWith('DELETE_');
}

/** The COE was up and keeps answering while Magnum changes its node count, or after such a change failed. */
function coeAnswers(mc: MagnumCluster): boolean {
  return Boolean(mc.api_address) && (isSettled(mc.status) || mc.status === 'UPDATE_IN_PROGRESS' || mc.status === 'UPDATE_FAILED');
}

/**
 * A herd node that has no containers on the COE takes the Magnum cluster's state. On a COE herd runs
 * components on, a complete cluster means the node's containers are still to come (STARTING); on one
 * it does not, the node is just a VM Magnum reports up.
 */
export function magnumNodeStatus(status: string, herdRunsComponents = true): NodeStatus {
  if (status.endsWith('_FAILED')) return 'ERROR';
  if (status.startsWith('DELETE_')) return 'TERMINATING';
  if (status.endsWith('_IN_PROGRESS')) return 'STARTING';
  if (status.endsWith('_COMPLETE')) return herdRunsComponents ? 'STARTING' : 'RUNNING';
  return 'UNKNOWN';
}

/**
 * A Magnum cluster per herd cluster, from a cluster template created or reused by name; its
 * node_count follows the host groups' total. On a classic Swarm COE the Hadoop components run
 * through the Docker adapter against the Swarm manager's Docker API, with a client certificate
 * Magnum signs for herd.
 */
export class MagnumConnection implements ProviderConnection {
  readonly magnum: MagnumApi;
  private readonly nova: NovaApi;

  constructor(
    readonly session: KeystoneSession,
    private readonly opts: MagnumConnectionOptions = {},
    /** Per Magnum cluster: the COE's Docker connection (with its client key), or none where herd runs nothing. */
    private readonly coes: CoeConnections = new CoeConnections(),
    /** Which credential these connections belong to: entries are never shared across credentials. */
    private readonly coeScope = 'local',
  ) {
    this.magnum = new MagnumApi(session);
    this.nova = new NovaApi(session);
  }

  async verify(): Promise<VerifyResult> {
    const token = await this.session.getToken();
    await this.magnum.cluster(`herd-verify-${Date.now()}`);
    return { ok: true, message: `Keystone accepted the credential (project ${token.projectName ?? token.projectId}); Magnum answers` };
  }

  async prerequisites(cluster: ClusterSpec): Promise<PreflightProblem[]> {
    const { options, problems: optionProblems } = readMagnumOptions(cluster);
    const problems = [...optionProblems, ...checkSwarmHostGroups(cluster)];
    if (!options) return problems;
    if (options.clusterTemplate) {
      const field = 'hostGroups[0].options.clusterTemplate';
      const template = await this.magnum.template(options.clusterTemplate);
      if (!template) problems.push({ field, reason: `no cluster template '${options.clusterTemplate}'` });
      else if (coeRefusal(template.coe)) problems.push({ field, reason: `cluster template '${options.clusterTemplate}' has coe ${template.coe}, which is not supported: ${coeRefusal(template.coe)}` });
      return problems;
    }
    const flavors = await this.nova.flavors();
    if (!findFlavor(flavors, cluster.hostGroups[0].instanceType)) problems.push({ field: 'hostGroups[0].instanceType', reason: `no flavor '${cluster.hostGroups[0].instanceType}'` });
    if (options.masterFlavor && !findFlavor(flavors, options.masterFlavor)) problems.push({ field: 'hostGroups[0].options.masterFlavor', reason: `no flavor '${options.masterFlavor}'` });
    const image = await resolveImage(this.session, options.image);
    if (!image.id) problems.push({ field: 'hostGroups[0].options.image', reason: image.reason! });
    return problems;
  }

  clusterName(cluster: ClusterSpec): string {
    return clusterResourceName(cluster);
  }

  findCluster(cluster: ClusterSpec): Promise<MagnumCluster | undefined> {
    return this.magnum.cluster(this.clusterName(cluster));
  }

  /**
   * Docker's view of the nodes (containers, components, health) where the COE answers, merged with
   * Magnum's: while Magnum creates, resizes or has failed, a node without containers shows Magnum's
   * state. Once Magnum is complete such a node is absent, so the reconciler launches its containers.
   */
  async describe(cluster: ClusterSpec): Promise<ObservedNode[]> {
    const mc = await this.findOrHalfDeleted(cluster);
    // Half deleted: Magnum has removed the cluster's stack and node groups, the record goes next.
    if (!mc || mc === 'half-deleted') return [];
    let coe: DockerConnection | undefined;
    let onCoe: ObservedNode[] = [];
    if (coeAnswers(mc)) {
      try {
        coe = await this.coe(cluster, mc);
        if (coe) onCoe = await this.onCoe(mc, () => coe!.describe(swarmClusterSpec(cluster)));
      } catch (error) {
        // While Magnum is busy its state is the news; once it is complete, the COE must answer.
        if (isSettled(mc.status) || !(error instanceof ProviderError) || !error.retryable) throw error;
      }
      if (coe && isSettled(mc.status)) return onCoe;
    }
    // Where the COE answers but herd found no runner for it, the VMs are all there is to show.
    const herdRunsComponents = coe !== undefined || !coeAnswers(mc);
    const seen = new Set(onCoe.map((node) => node.name));
    return [...onCoe, ...this.magnumNodes(cluster, mc, herdRunsComponents).filter((node) => !seen.has(node.name))];
  }

  /** One node per Magnum node, spread over the host groups in order, in the Magnum cluster's state. */
  private magnumNodes(cluster: ClusterSpec, mc: MagnumCluster, herdRunsComponents: boolean): ObservedNode[] {
    const status = magnumNodeStatus(mc.status, herdRunsComponents);
    const statusReason = status === 'ERROR' ? (mc.status_reason ?? mc.status) : status === 'STARTING' ? `Magnum cluster ${mc.status}` : undefined;
    const nodes: ObservedNode[] = [];
    let k = 0;
    for (const g of cluster.hostGroups) {
      for (let index = 0; index < g.nodeCount && k < mc.node_count; index++, k++) {
        const node: ObservedNode = {
          name: nodeName(cluster, g.name, index),
          hostGroup: g.name,
          index,
          providerId: `${mc.uuid}/node-${k}`,
          status,
          addresses: { private: mc.node_addresses?.[k] },
          components: [],
        };
        if (statusReason) node.statusReason = statusReason;
        nodes.push(node);
      }
    }
    return nodes;
  }

  /**
   * One step per call, each returning once Magnum or the COE accepted it: create the Magnum cluster;
   * or, once Magnum has finished its last operation, remove the containers of terminated nodes and
   * move node_count; or, once node_count is right and Magnum is complete, run the new nodes'
   * containers on the COE. Containers of terminated nodes go before Magnum takes VMs away. While
   * Magnum works, apply changes nothing: the next reconcile pass, reading `describe`, carries on.
   */
  async apply(cluster: ClusterSpec, plan: ApplyPlan, hooks: ApplyHooks): Promise<void> {
    const want = desiredNodeCount(cluster);
    const mc = await this.findCluster(cluster);
    if (!mc) return this.createCluster(cluster, want, hooks);
    await hooks.resourceCreated({ providerId: mc.uuid, type: 'Magnum::Cluster' });
    // An UPDATE_FAILED cluster stands, and the next resize may succeed; a failed create does not.
    if (mc.status.endsWith('_FAILED') && mc.status !== 'UPDATE_FAILED') {
      throw new FatalProviderError(`Magnum cluster ${mc.name} ${mc.status}: ${mc.status_reason}`, mc.status_reason ?? mc.status);
    }
    if (mc.status.endsWith('_IN_PROGRESS')) {
      hooks.progress?.(`Magnum cluster ${mc.name} is ${mc.status}: the nodes' containers start once it is complete`);
      return;
    }
    if (plan.terminate.length && coeAnswers(mc)) await this.applyOnCoe(cluster, mc, { launch: [], terminate: plan.terminate }, hooks);
    if (mc.node_count !== want) {
      const how = await this.magnum.setNodeCount(mc.uuid, want);
      hooks.progress?.(`Magnum cluster ${mc.name}: node_count ${mc.node_count} -> ${want} (${how})`);
      return;
    }
    if (!plan.launch.length) return;
    if (!isSettled(mc.status) || !coeAnswers(mc)) {
      hooks.progress?.(`Magnum cluster ${mc.name} is ${mc.status}: the nodes' containers start once it is complete`);
      return;
    }
    if (!(await this.applyOnCoe(cluster, mc, { launch: plan.launch, terminate: [] }, hooks))) {
      hooks.progress?.(`Magnum cluster ${mc.name} runs a COE herd runs no components on: nothing to launch`);
    }
  }

  /** Magnum's create, resize or delete under way, with its status_reason. */
  async operationInProgress(cluster: ClusterSpec): Promise<BackendOperation | undefined> {
    const mc = await this.findOrHalfDeleted(cluster);
    if (mc === 'half-deleted') return { status: `Magnum cluster ${this.clusterName(cluster)} DELETE_IN_PROGRESS` };
    if (!mc?.status.endsWith('_IN_PROGRESS')) return undefined;
    return { status: `Magnum cluster ${mc.name} ${mc.status}`, ...(mc.status_reason && { detail: mc.status_reason }) };
  }

  /** A plan of herd nodes carried out on the COE by the Docker adapter; false where herd runs nothing on this COE. */
  private async applyOnCoe(cluster: ClusterSpec, mc: MagnumCluster, plan: ApplyPlan, hooks: ApplyHooks): Promise<boolean> {
    const coe = await this.coe(cluster, mc);
    if (!coe) return false;
    await this.onCoe(mc, () => coe.apply(swarmClusterSpec(cluster), plan, hooks));
    return true;
  }

  /** A COE that refuses herd's certificate may have a new CA (Magnum rotates it): the next call asks again. */
  private async onCoe<T>(mc: MagnumCluster, call: () => Promise<T>): Promise<T> {
    try {
      return await call();
    } catch (error) {
      if (error instanceof AuthFailedError) this.coes.forget(this.coeScope, mc.uuid);
      throw error;
    }
  }

  private async createCluster(cluster: ClusterSpec, want: number, hooks: ApplyHooks): Promise<void> {
    const { options, problems } = readMagnumOptions(cluster);
    if (!options) throw new FatalProviderError(problems.map((p) => `${p.field}: ${p.reason}`).join('; '), problems[0]?.reason);
    const templateId = await this.ensureTemplate(cluster, options, hooks);
    const body: Record<string, unknown> = {
      name: this.clusterName(cluster),
      cluster_template_id: templateId,
      node_count: want,
      master_count: options.masterCount,
      create_timeout: options.createTimeoutMins,
    };
    if (options.keyName) body.keypair = options.keyName;
    if (options.discoveryUrl) body.discovery_url = options.discoveryUrl;
    const uuid = await this.magnum.createCluster(body);
    await hooks.resourceCreated({ providerId: uuid, type: 'Magnum::Cluster' });
    hooks.progress?.(`Magnum cluster ${body.name} create accepted (${want} node(s), ${options.masterCount} master(s))`);
    await this.untilVisible(cluster);
  }

  /**
   * Magnum's API answers a create before its conductor has written the cluster. Magnum does not make
   * names unique, so an apply that found no cluster in that gap would create a second one: the
   * create is accepted once the cluster can be read by name, a wait of a moment.
   */
  private async untilVisible(cluster: ClusterSpec): Promise<void> {
    const deadline = Date.now() + (this.opts.visibleWithinMs ?? 60_000);
    while (!(await this.findCluster(cluster))) {
      // not retryable: a retry would find no cluster and create another
      if (Date.now() > deadline) throw new FatalProviderError(`Magnum accepted cluster ${this.clusterName(cluster)} but did not show it within ${this.opts.visibleWithinMs ?? 60_000} ms`);
      await sleep(this.opts.pollIntervalMs ?? 500);
    }
  }

  private async ensureTemplate(cluster: ClusterSpec, options: MagnumOptions, hooks: ApplyHooks): Promise<string> {
    if (options.clusterTemplate) {
      const t = await this.magnum.template(options.clusterTemplate);
      if (!t) throw new FatalProviderError(`no cluster template '${options.clusterTemplate}'`, 'cluster template not found');
      if (coeRefusal(t.coe)) throw new FatalProviderError(`cluster template '${options.clusterTemplate}' has coe ${t.coe}, which herd does not run components on`, coeRefusal(t.coe));
      return t.uuid;
    }
    const body = templateBody(cluster, options);
    const found = await this.magnum.template(body.name as string);
    if (found) return found.uuid;
    try {
      const made = await this.magnum.createTemplate(body);
      hooks.progress?.(`cluster template ${made.name} created`);
      return made.uuid;
    } catch (error) {
      // another apply made it first: reuse it
      const again = error instanceof ConflictError ? await this.magnum.template(body.name as string) : undefined;
      if (again) return again.uuid;
      throw error;
    }
  }

  /**
   * The COE's Docker API as a Docker adapter connection, made once per Magnum cluster (and again if
   * its address or the pull policy change). Undefined where the template's COE is one herd runs
   * nothing on (clusters made before Swarm support, or from a template of another COE).
   */
  private coe(cluster: ClusterSpec, mc: MagnumCluster): Promise<DockerConnection | undefined> {
    const pullPolicy = readMagnumOptions(cluster).options?.pullPolicy ?? 'ifNotPresent';
    return this.coes.get(this.coeScope, mc.uuid, `${mc.api_address} ${pullPolicy}`, () => connectToCoe(this.magnum, mc, pullPolicy, this.session.assertEgress));
  }

  /** Lets go of the Keystone session; the last connection out closes its HTTP agent. */
  close(): Promise<void> {
    return this.session.release();
  }

  /**
   * Removes herd's containers, networks and volumes from the COE while it answers (best effort: the
   * VMs go with the cluster anyway), then asks Magnum to delete the cluster. A 409 (Magnum busy with
   * another operation) is a ConflictError herd retries. Templates stay for reuse.
   */
  async teardown(cluster: ClusterSpec): Promise<void> {
    const mc = await this.findOrHalfDeleted(cluster);
    if (!mc || mc === 'half-deleted' || mc.status === 'DELETE_IN_PROGRESS') return;
    if (coeAnswers(mc)) await this.removeFromCoe(cluster, mc);
    await this.magnum.deleteCluster(mc.uuid);
    this.coes.forget(this.coeScope, mc.uuid);
  }

  /** The cluster, or `half-deleted` while Magnum cannot render a cluster it is deleting (see isHalfDeleted). */
  private async findOrHalfDeleted(cluster: ClusterSpec): Promise<MagnumCluster | 'half-deleted' | undefined> {
    try {
      return await this.findCluster(cluster);
    } catch (error) {
      if (isHalfDeleted(error)) return 'half-deleted';
      throw error;
    }
  }

  private async removeFromCoe(cluster: ClusterSpec, mc: MagnumCluster): Promise<void> {
    try {
      await (await this.coe(cluster, mc))?.teardown(swarmClusterSpec(cluster));
    } catch (error) {
      if (!(error instanceof ProviderError)) throw error;
    }
  }
}

/**
 * Magnum deletes a cluster's master node group before the cluster itself; in between, its API
 * cannot render the cluster (master_count 0 is below the minimum of its schema) and answers 400
 * "Invalid input for field/attribute master_count. Value: '0'" to a GET. During a delete that
 * answer means "almost gone", not a fault.
 */
function isHalfDeleted(error: unknown): boolean {
  return error instanceof FatalProviderError && /master_count/.test(`${error.backendMessage ?? ''} ${error.message}`);
}
