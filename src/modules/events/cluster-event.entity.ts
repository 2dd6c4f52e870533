import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';

export type ClusterEventType = 'status' | 'step' | 'progress' | 'error' | 'warning' | 'health' | 'operation';

/** Append-only; the bigserial id is the SSE event id a client resumes from. */
@Entity('cluster_events')
export class ClusterEvent {
  @PrimaryGeneratedColumn({ type: 'bigint' }) id: string;
  @Column({ name: 'cluster_id', type: 'uuid' }) clusterId: string;
  @Column({ name: 'tenant_id', type: 'uuid' }) tenantId: string;
  @Column({ name: 'operation_id', type: 'uuid', nullable: true }) operationId: string | null;
  @Column({ type: 'text' }) type: ClusterEventType;
  @Column({ type: 'text' }) message: string;
  @Column({ type: 'jsonb' }) data: Record<string, unknown>;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt: Date;
}
