import {
  ConflictError,
  FatalProviderError,
  nodeName,
  type ApplyHooks,
  type ApplyPlan,
  type ClusterSpec,
  type HostGroupSpec,
  type NodeSpec,
  type ObservedNode,
  type PowerFacet,
  type PreflightProblem,
  type ProviderConnection,
  type VerifyResult,
} from '../../spi';
import { buildUserData } from '../cloud-init/user-data';
import type { KeystoneSession } from '../keystone';
import { clusterResourceName, META, nodeNamePrefix, serverMetadata } from '../naming';
import type { ResolvedGroup } from '../heat/heat.template';
import { openstackPreflight } from '../preflight';
import { resolveGroup } from '../resolve-group';
import { forEachBounded } from '../../../common/scheduling';
import { NovaApi, type NovaServer } from './nova.client';
import { novaNodeStatus, serverAddresses } from './nova.status';

export interface NovaConnectionOptions {
  /** Parallel server creations and deletions. */
  concurrency?: number;
}

export class NovaConnection implements ProviderConnection {
  readonly nova: NovaApi;

  constructor(
    readonly session: KeystoneSession,
    private readonly opts: NovaConnectionOptions = {},
  ) {
    this.nova = new NovaApi(session);
  }

  async verify(): Promise<VerifyResult> {
    const token = await this.session.getToken();
    const version = await this.nova.microversion();
    return { ok: true, message: `Keystone accepted the credential (project ${token.projectName ?? token.projectId}); Nova speaks compute ${version}` };
  }

  prerequisites(cluster: ClusterSpec): Promise<PreflightProblem[]> {
    return openstackPreflight(this.session, this.nova, cluster);
  }

  /** Servers of this cluster, found by name prefix and confirmed by metadata. */
  async servers(cluster: ClusterSpec): Promise<NovaServer[]> {
    const all = await this.nova.listServers(`^${nodeNamePrefix(cluster)}`);
    return all.filter((s) => s.metadata?.[META.tag] === cluster.tag);
  }

  async describe(cluster: ClusterSpec): Promise<ObservedNode[]> {
    const servers = await this.servers(cluster);
    // the list view may omit the fault; the server itself carries Nova's reason
    for (const [i, s] of servers.entries()) {
      if (s.status === 'ERROR' && !s.fault?.message) servers[i] = (await this.nova.getServer(s.id)) ?? s;
    }
    return servers.map((s) => toObserved(s, cluster));
  }

  async apply(cluster: ClusterSpec, plan: ApplyPlan, hooks: ApplyHooks): Promise<void> {
    const existing = new Map((await this.servers(cluster)).map((s) => [s.name, s]));
    const groups = new Map(cluster.hostGroups.map((g, i) => [g.name, { group: g, index: i }]));
    const prepared = new Map<string, Promise<PreparedGroup>>();
    const prepare = (name: string): Promise<PreparedGroup> => {
      const entry = groups.get(name);
      if (!entry) throw new FatalProviderError(`node of unknown host group '${name}'`, 'unknown host group');
      let p = prepared.get(name);
      if (!p) prepared.set(name, (p = this.prepareGroup(cluster, entry.group, entry.index)));
      return p;
    };
    await forEachBounded(plan.launch, this.opts.concurrency ?? 8, async (node) => {
      const found = existing.get(node.name);
      if (found) {
        await hooks.resourceCreated({ node: node.name, providerId: found.id, type: 'OS::Nova::Server' });
        return;
      }
      const group = await prepare(node.hostGroup);
      const id = await this.nova.createServer(this.serverBody(cluster, node, group), group.serverGroupId ? { group: group.serverGroupId } : undefined);
      await hooks.resourceCreated({ node: node.name, providerId: id, type: 'OS::Nova::Server' });
      const keeper = await this.settleDuplicates(cluster, node.name);
      if (keeper && keeper !== id) await hooks.resourceCreated({ node: node.name, providerId: keeper, type: 'OS::Nova::Server' });
      hooks.progress?.(`server ${node.name} requested (${keeper ?? id})`);
    });
    await forEachBounded(plan.terminate, this.opts.concurrency ?? 8, async (node) => {
      await this.nova.deleteServer(node.providerId);
      hooks.progress?.(`server ${node.name} deleting`);
    });
  }

  /**
   * Two applies racing on the same plan can both create a node. Every racer keeps the oldest server
   * of that name (ties broken by id) and deletes the others, so exactly one survives.
   */
  private async settleDuplicates(cluster: ClusterSpec, name: string): Promise<string | undefined> {
    const same = (await this.nova.listServers(`^${name}$`)).filter((s) => s.metadata?.[META.tag] === cluster.tag && s.name === name);
    if (same.length < 2) return same[0]?.id;
    same.sort((a, b) => (a.created ?? '').localeCompare(b.created ?? '') || a.id.localeCompare(b.id));
    for (const extra of same.slice(1)) await this.nova.deleteServer(extra.id);
    return same[0].id;
  }

  readonly power: PowerFacet = {
    stop: (cluster, nodes) => this.powerAction(cluster, nodes, 'os-stop', 'SHUTOFF'),
    start: (cluster, nodes) => this.powerAction(cluster, nodes, 'os-start', 'ACTIVE'),
  };

  /** Lets go of the Keystone session; the last connection out closes its HTTP agent. */
  close(): Promise<void> {
    return this.session.release();
  }

  /** Asks Nova to delete every server of the cluster and its server groups; Nova deletes them by itself. */
  async teardown(cluster: ClusterSpec): Promise<void> {
    await this.deleteServers(await this.servers(cluster));
    await this.deleteServerGroups(cluster);
  }

  /** Deletes each server Nova is not deleting already (a delete that left a server in ERROR is asked again). */
  async deleteServers(servers: NovaServer[]): Promise<void> {
    const standing = servers.filter((s) => s['OS-EXT-STS:task_state'] !== 'deleting');
    await forEachBounded(standing, this.opts.concurrency ?? 8, (s) => this.nova.deleteServer(s.id));
  }

  /** Nova lets a server group go while its servers are still being deleted. */
  async deleteServerGroups(cluster: ClusterSpec): Promise<void> {
    const prefix = clusterResourceName(cluster);
    for (const g of await this.nova.serverGroups()) {
      if (g.name.startsWith(`${prefix}-`)) await this.nova.deleteServerGroup(g.id);
    }
  }

  private async powerAction(cluster: ClusterSpec, nodes: ObservedNode[], action: 'os-stop' | 'os-start', target: string) {
    await forEachBounded(nodes, this.opts.concurrency ?? 8, async (node) => {
      try {
        await this.nova.action(node.providerId, { [action]: null });
      } catch (error) {
        // Nova answers 409 when the server is already in the wanted state (or moving to it)
        if (!(error instanceof ConflictError)) throw error;
        const s = await this.nova.getServer(node.providerId);
        if (!s || (s.status !== target && !s['OS-EXT-STS:task_state'])) throw error;
      }
    });
  }

  private async prepareGroup(cluster: ClusterSpec, group: HostGroupSpec, index: number): Promise<PreparedGroup> {
    const resolved = await resolveGroup(this.session, this.nova, group, index);
    let serverGroupId: string | undefined;
    if (resolved.options.serverGroupPolicy) {
      const name = clusterResourceName(cluster, group.name);
      const found = (await this.nova.serverGroups()).find((g) => g.name === name);
      serverGroupId = (found ?? (await this.nova.createServerGroup(name, resolved.options.serverGroupPolicy))).id;
    }
    return { ...resolved, serverGroupId };
  }

  private serverBody(cluster: ClusterSpec, node: NodeSpec, p: PreparedGroup): Record<string, unknown> {
    const userData = buildUserData({
      nodeName: node.name,
      components: p.group.components,
      callbackUrl: cluster.callbackUrl,
      callbackToken: node.callbackToken,
    });
    const body: Record<string, unknown> = {
      name: node.name,
      flavorRef: p.flavorId,
      imageRef: p.imageId,
      networks: Array.isArray(p.options.networks) ? p.options.networks.map((uuid) => ({ uuid })) : p.options.networks,
      metadata: serverMetadata(cluster, node),
      user_data: Buffer.from(userData).toString('base64'),
    };
    if (p.options.keyName) body.key_name = p.options.keyName;
    if (p.options.availabilityZone) body.availability_zone = p.options.availabilityZone;
    if (p.options.securityGroups.length) body.security_groups = p.options.securityGroups.map((name) => ({ name }));
    return body;
  }
}

interface PreparedGroup extends ResolvedGroup {
  serverGroupId?: string;
}

export function toObserved(s: NovaServer, cluster: ClusterSpec): ObservedNode {
  const hostGroup = s.metadata?.[META.hostGroup] ?? '';
  const index = Number(s.metadata?.[META.index] ?? -1);
  const status = novaNodeStatus(s);
  const group = cluster.hostGroups.find((g) => g.name === hostGroup);
  const componentStatus = status === 'ERROR' ? 'failed' : status === 'STOPPED' ? 'stopped' : 'unknown';
  return {
    name: s.name || nodeName(cluster, hostGroup, index),
    hostGroup,
    index,
    providerId: s.id,
    status,
    statusReason: s.fault?.message,
    addresses: serverAddresses(s),
    components: (group?.components ?? []).map((c) => ({ name: c.name, status: componentStatus })),
  };
}
