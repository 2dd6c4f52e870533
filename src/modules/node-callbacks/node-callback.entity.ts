import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';

export interface ReportedComponent {
  name: string;
  status: string;
}

/** A node's callback secret (hashed) and the last state it reported. */
@Entity('node_callbacks')
export class NodeCallback {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column({ name: 'tenant_id', type: 'uuid' }) tenantId: string;
  @Column({ name: 'cluster_id', type: 'uuid' }) clusterId: string;
  @Column({ name: 'node_name', type: 'text' }) nodeName: string;
  @Column({ name: 'token_hash', type: 'text' }) tokenHash: string;
  @Column({ name: 'last_event', type: 'text', nullable: true }) lastEvent: string | null;
  @Column({ name: 'state_hash', type: 'text', nullable: true }) stateHash: string | null;
  @Column({ type: 'jsonb', nullable: true }) components: ReportedComponent[] | null;
  @Column({ name: 'ready_at', type: 'timestamptz', nullable: true }) readyAt: Date | null;
  @Column({ name: 'reported_at', type: 'timestamptz', nullable: true }) reportedAt: Date | null;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt: Date;
}
