import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, In, Not } from 'typeorm';
import type { NodeSpec, ObservedNode } from '../../../providers/spi';
import { ClusterNode } from '../../clusters/node.entity';

/** herd's copy of the nodes: provider ids written the moment they exist, statuses after each observation. */
@Injectable()
export class NodeLedger {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  /** Called from `hooks.resourceCreated`, before the adapter goes on. */
  async resourceCreated(clusterId: string, node: NodeSpec | undefined, providerId: string): Promise<void> {
    if (!node) return;
    await this.upsert([
      { clusterId, name: node.name, hostGroup: node.hostGroup, index: node.index, providerId, status: 'PENDING', statusReason: null, addresses: {}, components: [] },
    ]);
  }

  /** Mirrors an observation; rows of nodes the provider no longer has are removed unless still being launched. */
  async sync(clusterId: string, observed: ObservedNode[], launching: string[] = []): Promise<void> {
    await this.upsert(
      observed.map((node) => ({
        clusterId,
        name: node.name,
        hostGroup: node.hostGroup,
        index: node.index,
        providerId: node.providerId,
        status: node.status,
        statusReason: node.statusReason ?? null,
        addresses: node.addresses,
        components: node.components,
      })),
    );
    const present = [...new Set([...observed.map((node) => node.name), ...launching])];
    await this.db.getRepository(ClusterNode).delete(present.length > 0 ? { clusterId, name: Not(In(present)) } : { clusterId });
  }

  private async upsert(rows: Partial<ClusterNode>[]): Promise<void> {
    const unique = [...new Map(rows.map((row) => [row.name, row])).values()];
    for (let i = 0; i < unique.length; i += 500) {
      await this.db
        .createQueryBuilder()
        .insert()
        .into(ClusterNode)
        .values(unique.slice(i, i + 500))
        .orUpdate(['host_group', 'index', 'provider_id', 'status', 'status_reason', 'addresses', 'components', 'updated_at'], ['cluster_id', 'name'])
        .execute();
    }
  }
}
