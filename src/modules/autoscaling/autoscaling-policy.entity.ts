import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';
import type { AutoscalingMetric } from './autoscaling-metrics';

export const POLICY_OPERATORS = ['above', 'below'] as const;
export type PolicyOperator = (typeof POLICY_OPERATORS)[number];

/**
 * When `metric` has been `operator` `threshold` for `forSeconds`, move `hostGroup` by `adjustment`
 * nodes within [minNodes, maxNodes], at most once per cooldown.
 */
@Entity('autoscaling_policies')
export class AutoscalingPolicy {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column({ name: 'tenant_id', type: 'uuid' }) tenantId: string;
  @Column({ name: 'cluster_id', type: 'uuid' }) clusterId: string;
  @Column({ type: 'text' }) name: string;
  @Column({ name: 'host_group', type: 'text' }) hostGroup: string;
  @Column({ type: 'text' }) metric: AutoscalingMetric;
  @Column({ type: 'text' }) operator: PolicyOperator;
  @Column({ type: 'double precision' }) threshold: number;
  @Column({ type: 'integer' }) adjustment: number;
  @Column({ name: 'min_nodes', type: 'integer' }) minNodes: number;
  @Column({ name: 'max_nodes', type: 'integer' }) maxNodes: number;
  @Column({ name: 'cooldown_seconds', type: 'integer' }) cooldownSeconds: number;
  /** The condition must have held at every probe of this many seconds before the policy fires. */
  @Column({ name: 'for_seconds', type: 'integer' }) forSeconds: number;
  @Column({ type: 'boolean' }) enabled: boolean;
  @Column({ name: 'last_triggered_at', type: 'timestamptz', nullable: true }) lastTriggeredAt: Date | null;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt: Date;
}
