import { Column, Entity, PrimaryColumn, UpdateDateColumn } from 'typeorm';

/** A tenant's own quotas; a tenant without a row has the configured defaults. */
@Entity('tenant_quotas')
export class TenantQuota {
  @PrimaryColumn({ name: 'tenant_id', type: 'uuid' }) tenantId: string;
  @Column({ type: 'integer' }) clusters: number;
  @Column({ type: 'integer' }) nodes: number;
  @Column({ name: 'nodes_per_cluster', type: 'integer' }) nodesPerCluster: number;
  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' }) updatedAt: Date;
}
