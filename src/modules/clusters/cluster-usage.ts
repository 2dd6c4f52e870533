import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, Not } from 'typeorm';
import type { UsageCounter } from '../quotas';
import type { TenantScope } from '../tenancy';
import { Cluster } from '../lifecycle';

/** What clusters hold on to: blueprints and credentials in use, and the nodes a tenant has. */
@Injectable()
export class ClusterUsage implements UsageCounter {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  async usingBlueprint(scope: TenantScope, blueprintId: string): Promise<string[]> {
    return this.describe(await this.db.getRepository(Cluster).findBy({ tenantId: scope.tenantId, blueprintId, status: Not('DELETED') }));
  }

  async usingCredential(scope: TenantScope, credentialId: string): Promise<string[]> {
    return this.describe(await this.db.getRepository(Cluster).findBy({ tenantId: scope.tenantId, credentialId, status: Not('DELETED') }));
  }

  /** Live clusters and the nodes they ask for, for quotas; inside `tx` it sees that transaction's writes. */
  async usage(scope: TenantScope, tx?: EntityManager): Promise<{ clusters: number; nodes: number }> {
    const [row] = await (tx ?? this.db.manager).query(
      `SELECT count(*)::int AS clusters,
              coalesce(sum((SELECT coalesce(sum((g->>'nodeCount')::int), 0) FROM jsonb_array_elements(host_groups) g)), 0)::int AS nodes
         FROM clusters WHERE tenant_id = $1 AND status <> 'DELETED'`,
      [scope.tenantId],
    );
    return { clusters: row.clusters, nodes: row.nodes };
  }

  private describe(clusters: Cluster[]): string[] {
    return clusters.map((cluster) => `cluster "${cluster.name}" (${cluster.id})`);
  }
}
