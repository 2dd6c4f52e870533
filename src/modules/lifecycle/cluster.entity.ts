import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn, VersionColumn } from 'typeorm';
import type { ClusterHealth, ClusterStatus } from './cluster-state-machine';

export interface DesiredHostGroup {
  name: string;
  nodeCount: number;
  instanceType: string;
  /** The provider's host group options, passed as `HostGroupSpec.options`. */
  options?: HostGroupOptions;
  /** `auto`: the monitor requests a repair when a node stays lost (absent means `manual`). */
  recoveryMode?: RecoveryMode;
}

export const RECOVERY_MODES = ['manual', 'auto'] as const;
export type RecoveryMode = (typeof RECOVERY_MODES)[number];

/** Parsed from a JSON request body: every value is a JSON value. */
export type HostGroupOptions = Record<string, object | string | number | boolean | null>;

export type OnFailure = 'rollback' | 'keep';

export interface PartialFailurePolicy {
  policy: 'exact' | 'percentage' | 'bestEffort';
  /** For `percentage`: the share (1-100) of each host group's nodes that must run. */
  threshold?: number;
}

@Entity('clusters')
export class Cluster {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column({ name: 'tenant_id', type: 'uuid' }) tenantId: string;
  @Column({ type: 'text' }) name: string;
  @Column({ name: 'blueprint_id', type: 'uuid' }) blueprintId: string;
  @Column({ name: 'credential_id', type: 'uuid' }) credentialId: string;
  @Column({ name: 'provider_kind', type: 'text' }) providerKind: string;
  @Column({ name: 'provider_variant', type: 'text' }) providerVariant: string;
  @Column({ name: 'host_groups', type: 'jsonb' }) hostGroups: DesiredHostGroup[];
  @Column({ name: 'on_failure', type: 'text' }) onFailure: OnFailure;
  @Column({ name: 'partial_failure', type: 'jsonb' }) partialFailure: PartialFailurePolicy;
  @Column({ type: 'text' }) status: ClusterStatus;
  @Column({ name: 'status_reason', type: 'text', nullable: true }) statusReason: string | null;
  @Column({ type: 'text' }) health: ClusterHealth;
  @Column({ name: 'current_operation_id', type: 'uuid', nullable: true }) currentOperationId: string | null;
  @VersionColumn() version: number;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt: Date;
  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' }) updatedAt: Date;
  @Column({ name: 'deleted_at', type: 'timestamptz', nullable: true }) deletedAt: Date | null;
  /** When herd first asked the provider to create something; null while nothing was ever launched. */
  @Column({ name: 'launched_at', type: 'timestamptz', nullable: true }) launchedAt: Date | null;
  /** When the health was last established (a probe, or an operation that verified the cluster); stale health turns UNKNOWN. */
  @Column({ name: 'health_checked_at', type: 'timestamptz', nullable: true }) healthCheckedAt: Date | null;
}
