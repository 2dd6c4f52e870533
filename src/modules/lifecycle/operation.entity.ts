import { Column, CreateDateColumn, Entity, PrimaryColumn, UpdateDateColumn } from 'typeorm';
import type { OperationParams, OperationType } from './operation-kinds';

export type OperationStatus = 'queued' | 'running' | 'succeeded' | 'failed' | 'cancelled';

export const UNFINISHED_OPERATION: OperationStatus[] = ['queued', 'running'];

/** One user intent on a cluster; its id is also the BullMQ job id. */
@Entity('operations')
export class Operation {
  @PrimaryColumn('uuid') id: string;
  @Column({ name: 'cluster_id', type: 'uuid' }) clusterId: string;
  @Column({ name: 'tenant_id', type: 'uuid' }) tenantId: string;
  @Column({ type: 'text' }) type: OperationType;
  @Column({ type: 'text' }) status: OperationStatus;
  @Column({ type: 'integer' }) percent: number;
  @Column({ type: 'text', nullable: true }) step: string | null;
  @Column({ type: 'text', nullable: true }) error: string | null;
  /** What the operation was asked: read it with `paramsOf`. */
  @Column({ type: 'jsonb' }) params: OperationParams[OperationType];
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt: Date;
  @Column({ name: 'started_at', type: 'timestamptz', nullable: true }) startedAt: Date | null;
  @Column({ name: 'finished_at', type: 'timestamptz', nullable: true }) finishedAt: Date | null;
  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' }) updatedAt: Date;
  /** The run that owns the operation: a run taken over by another (its job lost and enqueued again) writes nothing more. */
  @Column({ name: 'run_token', type: 'uuid', nullable: true }) runToken: string | null;
}

/** The params of an operation of this type; throws when the operation is of another type. */
export function paramsOf<T extends OperationType>(operation: Pick<Operation, 'id' | 'type' | 'params'>, type: T): OperationParams[T] {
  if (operation.type !== type) throw new Error(`operation ${operation.id} is a ${operation.type}, not a ${type}`);
  return operation.params as OperationParams[T];
}
