import {
  ConflictError,
  FatalProviderError,
  RetryableProviderError,
  nodeName,
  type ApplyHooks,
  type ApplyPlan,
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
import { NovaApi } from '../nova/nova-api';
import { findFlavor } from '../preflight';
import { MagnumApi, type MagnumCluster } from './magnum-api';
import { desiredNodeCount, readMagnumOptions, templateBody, type MagnumOptions } from './magnum-options';

export interface MagnumConnectionOptions {
  teardownTimeoutMs?: number;
  pollIntervalMs?: number;
}

/** Magnum cluster states onto herd's node status. */
export function magnumNodeStatus(status: string): NodeStatus {
  if (status.endsWith('_FAILED')) return 'ERROR';
  if (status.startsWith('DELETE_')) return 'TERMINATING';
  if (status === 'CREATE_IN_PROGRESS') return 'STARTING';
  if (status.endsWith('_IN_PROGRESS')) return 'RUNNING';
  if (status.endsWith('_COMPLETE')) return 'RUNNING';
  return 'UNKNOWN';
}

/**
 * A Magnum cluster per herd cluster, from a cluster template created or reused by name;
 * its node_count follows the host groups' total. The COE runs the components (not herd's user_data).
 */
export class MagnumConnection implements ProviderConnection {
  readonly magnum: MagnumApi;
  private readonly nova: NovaApi;

  constructor(
    readonly session: KeystoneSession,
    private readonly opts: MagnumConnectionOptions = {},
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
    const { options, problems } = readMagnumOptions(cluster);
    if (!options) return problems;
    if (options.clusterTemplate) {
      if (!(await this.magnum.template(options.clusterTemplate))) problems.push({ field: 'hostGroups[0].options.clusterTemplate', reason: `no cluster template '${options.clusterTemplate}'` });
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

  /** One observed node per Magnum node, spread over the host groups in order. */
  async describe(cluster: ClusterSpec): Promise<ObservedNode[]> {
    const mc = await this.findCluster(cluster);
    if (!mc) return [];
    const status = magnumNodeStatus(mc.status);
    const nodes: ObservedNode[] = [];
    let k = 0;
    for (const g of cluster.hostGroups) {
      for (let index = 0; index < g.nodeCount && k < mc.node_count; index++, k++) {
        nodes.push({
          name: nodeName(cluster, g.name, index),
          hostGroup: g.name,
          index,
          providerId: `${mc.uuid}/node-${k}`,
          status,
          statusReason: status === 'ERROR' ? (mc.status_reason ?? undefined) : undefined,
          addresses: { private: mc.node_addresses?.[k] },
          components: [],
        });
      }
    }
    return nodes;
  }

  async apply(cluster: ClusterSpec, _plan: ApplyPlan, hooks: ApplyHooks): Promise<void> {
    const want = desiredNodeCount(cluster);
    const existing = await this.findCluster(cluster);
    if (existing) {
      await hooks.resourceCreated({ providerId: existing.uuid, type: 'Magnum::Cluster' });
      if (existing.status.endsWith('_FAILED') && existing.status !== 'UPDATE_FAILED') {
        throw new FatalProviderError(`Magnum cluster ${existing.name} ${existing.status}: ${existing.status_reason}`, existing.status_reason ?? existing.status);
      }
      if (existing.node_count === want) return;
      if (existing.status.endsWith('_IN_PROGRESS')) throw new ConflictError(`Magnum cluster ${existing.name} is ${existing.status}`, existing.status_reason ?? undefined);
      const how = await this.magnum.setNodeCount(existing.uuid, want);
      hooks.progress?.(`Magnum cluster ${existing.name}: node_count ${existing.node_count} -> ${want} (${how})`);
      return;
    }
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
  }

  private async ensureTemplate(cluster: ClusterSpec, options: MagnumOptions, hooks: ApplyHooks): Promise<string> {
    if (options.clusterTemplate) {
      const t = await this.magnum.template(options.clusterTemplate);
      if (!t) throw new FatalProviderError(`no cluster template '${options.clusterTemplate}'`, 'cluster template not found');
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

  /** Deletes the Magnum cluster (retrying while Magnum answers 409) and waits until it is gone. Templates stay for reuse. */
  async teardown(cluster: ClusterSpec): Promise<void> {
    const deadline = Date.now() + (this.opts.teardownTimeoutMs ?? 600_000);
    let asked = false;
    for (;;) {
      const mc = await this.findCluster(cluster);
      if (!mc) return;
      if (!asked || mc.status === 'DELETE_FAILED') {
        try {
          await this.magnum.deleteCluster(mc.uuid);
          asked = true;
        } catch (error) {
          if (!(error instanceof ConflictError)) throw error;
        }
      }
      if (Date.now() > deadline) throw new RetryableProviderError(`Magnum cluster ${mc.name} still ${mc.status}`, mc.status_reason ?? mc.status);
      await new Promise((r) => setTimeout(r, this.opts.pollIntervalMs ?? 2000));
    }
  }
}
