import { Column, Entity, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import type { NodeStatus, ObservedComponent } from '../../providers/spi';

@Entity('nodes')
export class ClusterNode {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column({ name: 'cluster_id', type: 'uuid' }) clusterId: string;
  @Column({ name: 'host_group', type: 'text' }) hostGroup: string;
  @Column({ type: 'integer' }) index: number;
  @Column({ type: 'text' }) name: string;
  @Column({ name: 'provider_id', type: 'text', nullable: true }) providerId: string | null;
  @Column({ type: 'text' }) status: NodeStatus;
  @Column({ name: 'status_reason', type: 'text', nullable: true }) statusReason: string | null;
  @Column({ type: 'jsonb' }) addresses: { private?: string; public?: string };
  @Column({ type: 'jsonb' }) components: ObservedComponent[];
  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' }) updatedAt: Date;
}
