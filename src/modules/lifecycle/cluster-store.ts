import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { assertTransition } from './cluster-state-machine';
import { Cluster } from './cluster.entity';

/** The cluster as a writer last read it: the version and the current operation are its fence. */
export type ReadCluster = Pick<Cluster, 'id' | 'status' | 'version' | 'currentOperationId'>;

/** A cluster as the user asked for it; the store writes it REQUESTED. */
export type NewCluster = Pick<Cluster, 'id' | 'tenantId' | 'name' | 'blueprintId' | 'credentialId' | 'providerKind' | 'providerVariant' | 'hostGroups' | 'onFailure' | 'partialFailure'>;

/** What a status change writes besides the status. */
export type ClusterChange = Partial<Pick<Cluster, 'status' | 'statusReason' | 'hostGroups' | 'health' | 'healthCheckedAt' | 'deletedAt' | 'currentOperationId'>>;

/**
 * The one writer of a cluster's status. Every change is checked against the state machine and
 * fenced the same way: it lands only on the cluster as the writer read it (same version, same
 * current operation), and bumps the version, so of two writers racing on one read only one wins.
 */
@Injectable()
export class ClusterStore {
  /** A new cluster, REQUESTED, whose create operation `operationId` is written in the same transaction. */
  async insertRequested(tx: EntityManager, cluster: NewCluster, operationId: string): Promise<void> {
    await tx.getRepository(Cluster).insert({ ...cluster, status: 'REQUESTED', statusReason: null, health: 'UNKNOWN', currentOperationId: operationId, deletedAt: null, launchedAt: null, healthCheckedAt: null });
  }

  /** Writes the change when the cluster is still as read; false when another writer came first. */
  async change(tx: EntityManager, read: ReadCluster, change: ClusterChange): Promise<boolean> {
    if (change.status !== undefined && change.status !== read.status) assertTransition(read.status, change.status);
    const written = await tx
      .createQueryBuilder()
      .update(Cluster)
      .set({ ...change, version: () => 'version + 1' })
      .where('id = :id AND version = :version AND current_operation_id IS NOT DISTINCT FROM :operationId', { id: read.id, version: read.version, operationId: read.currentOperationId })
      .execute();
    return written.affected === 1;
  }
}
