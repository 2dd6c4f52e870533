import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, In, Not } from 'typeorm';
import { safeMessage } from '../../common/secrets';
import type { NodeSpec, ObservedNode } from '../../providers/spi';
import { type Cluster, ClusterNode } from '../lifecycle';

/** herd's copy of the nodes: provider ids written the moment they exist, statuses after each observation. */
@Injectable()
export class NodeLedger {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  /**
   * Notes, before the first launch, that the provider may hold something of this cluster from
   * now on: until then a failure or a delete has nothing to tear down.
   */
  async launching(cluster: Cluster): Promise<void> {
    if (cluster.launchedAt) return;
    const launchedAt = new Date();
    // Not a change of the cluster's desired state: its version (the API's optimistic fence) stays.
    await this.db.query('UPDATE clusters SET launched_at = $2 WHERE id = $1 AND launched_at IS NULL', [cluster.id, launchedAt]);
    cluster.launchedAt = launchedAt;
  }

  private pending: { row: Partial<ClusterNode>; done: (error?: unknown) => void }[] = [];

  /**
   * Called from `hooks.resourceCreated`; resolves once the id is committed, before the adapter goes
   * on. Ids that arrive together from concurrent `apply` calls share one insert.
   */
  resourceCreated(clusterId: string, node: NodeSpec | undefined, providerId: string): Promise<void> {
    if (!node) return Promise.resolve();
    const row = { clusterId, name: node.name, hostGroup: node.hostGroup, index: node.index, providerId, status: 'PENDING' as const, statusReason: null, addresses: {}, components: [] };
    return new Promise((resolve, reject) => {
      this.pending.push({ row, done: (error) => (error ? reject(error) : resolve()) });
      if (this.pending.length === 1) setImmediate(() => void this.flush());
    });
  }

  private async flush(): Promise<void> {
    const batch = this.pending;
    this.pending = [];
    try {
      await this.upsert(batch.map((entry) => entry.row));
      for (const entry of batch) entry.done();
    } catch (error) {
      for (const entry of batch) entry.done(error);
    }
  }

  /**
   * Mirrors an observation; rows of nodes the provider no longer has are removed unless still
   * being launched. With `seen` (one per converge), rows that did not change since the last
   * observation are not written again.
   */
  async sync(clusterId: string, observed: ObservedNode[], launching: string[] = [], seen?: Map<string, string>): Promise<void> {
    const changed = seen ? observed.filter((node) => seen.get(node.name) !== JSON.stringify(node)) : observed;
    const present = [...new Set([...observed.map((node) => node.name), ...launching])];
    const vanished = !seen || seen.size !== observed.length || observed.some((node) => !seen.has(node.name));
    await this.db.transaction((manager) => this.mirror(manager, clusterId, changed, present, vanished));
    if (seen) {
      seen.clear();
      for (const node of observed) seen.set(node.name, JSON.stringify(node));
    }
  }

  /**
   * Writes observed nodes inside the caller's transaction; with `prune`, rows whose name is not in
   * `present` are removed. A mirror of the provider, rewritten by the next observation: its commits
   * need not wait for the disk.
   */
  async mirror(manager: EntityManager, clusterId: string, observed: ObservedNode[], present: string[] = observed.map((node) => node.name), prune = true): Promise<void> {
    await manager.query('SET LOCAL synchronous_commit TO OFF');
    await this.upsert(
      observed.map((node) => ({
        clusterId,
        name: node.name,
        hostGroup: node.hostGroup,
        index: node.index,
        providerId: node.providerId,
        status: node.status,
        statusReason: node.statusReason ? safeMessage(node.statusReason) : null,
        addresses: node.addresses,
        components: node.components,
      })),
      manager,
    );
    if (prune) await manager.getRepository(ClusterNode).delete(present.length > 0 ? { clusterId, name: Not(In(present)) } : { clusterId });
  }

  private async upsert(rows: Partial<ClusterNode>[], manager: EntityManager = this.db.manager): Promise<void> {
    const unique = [...new Map(rows.map((row) => [row.name, row])).values()];
    for (let i = 0; i < unique.length; i += 500) {
      await manager
        .createQueryBuilder()
        .insert()
        .into(ClusterNode)
        .values(unique.slice(i, i + 500))
        .orUpdate(['host_group', 'index', 'provider_id', 'status', 'status_reason', 'addresses', 'components', 'updated_at'], ['cluster_id', 'name'])
        .execute();
    }
  }
}
