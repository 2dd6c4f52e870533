import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { randomUUID } from 'node:crypto';
import { DataSource, EntityManager, In } from 'typeorm';
import { Conflict } from '../../common/errors/domain-error';
import { JobQueues } from '../../queue/job-queues';
import { withinRedisDeadline } from '../../queue/redis-deadline';
import { REQUESTS, statusAfterRequest } from './cluster-state-machine';
import { Cluster, DesiredHostGroup } from './cluster.entity';
import { ClusterEvents } from '../events/cluster-events.service';
import { OPERATION_JOBS } from './operation-jobs';
import { Operation, OperationType, UNFINISHED_OPERATION } from './operation.entity';

export interface OperationChange {
  hostGroups?: DesiredHostGroup[];
  params?: Record<string, unknown>;
  /** Runs first inside the transaction, e.g. the quota check that must hold its lock until commit. */
  guard?: (tx: EntityManager) => Promise<void>;
  /** The first event's words, e.g. "Scale of worker from 3 to 5 nodes requested". */
  message: string;
}

/**
 * Accepts a user's request on an existing cluster: checks the state machine and the one-at-a-time
 * rule, writes status, operation and first event in one transaction, then enqueues the job.
 */
@Injectable()
export class OperationIntake {
  private readonly logger = new Logger(OperationIntake.name);

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly events: ClusterEvents,
    private readonly queues: JobQueues,
  ) {}

  async request(cluster: Cluster, type: OperationType, change: OperationChange): Promise<Operation> {
    const next = statusAfterRequest(type, cluster.status);
    const running = await this.unfinishedOperation(cluster);
    if (running && !REQUESTS[type].cancels.includes(running.type)) {
      throw new Conflict(`Operation ${running.type} (${running.id}) is still ${running.status} on this cluster; wait for it to finish${type === 'delete' ? '' : ' or delete the cluster'}`);
    }
    const operationId = randomUUID();
    const operation = await this.db.transaction(async (manager) => {
      await change.guard?.(manager);
      const updated = await manager
        .createQueryBuilder()
        .update(Cluster)
        .set({
          status: next,
          statusReason: null,
          currentOperationId: operationId,
          ...(change.hostGroups ? { hostGroups: change.hostGroups } : {}),
          version: () => 'version + 1',
        })
        .where('id = :id AND version = :version', { id: cluster.id, version: cluster.version })
        .execute();
      if (updated.affected !== 1) throw new Conflict('The cluster changed while this request was handled; read it again and retry');
      if (running) await this.cancel(manager, cluster, running, operationId);
      const params = { ...change.params, ...(running ? { cancelledOperationId: running.id } : {}) };
      const created = await this.insertOperation(manager, cluster, operationId, type, params);
      await this.events.record({ clusterId: cluster.id, tenantId: cluster.tenantId, operationId, type: 'status', message: `${change.message}; status ${cluster.status} -> ${next}`, data: { from: cluster.status, to: next, operation: type } }, manager);
      return created;
    });
    await this.events.announce(cluster.id);
    await this.enqueue(operation);
    return operation;
  }

  async insertOperation(manager: EntityManager, cluster: Pick<Cluster, 'id' | 'tenantId'>, id: string, type: OperationType, params: Record<string, unknown>): Promise<Operation> {
    const operation = manager.getRepository(Operation).create({ id, clusterId: cluster.id, tenantId: cluster.tenantId, type, status: 'queued', percent: 0, step: 'Queued', error: null, params, startedAt: null, finishedAt: null, runToken: null });
    return manager.getRepository(Operation).save(operation);
  }

  /**
   * A failed or slow enqueue is logged, not thrown: the operation is committed and the sweeper
   * enqueues it. The wait is bounded, so a request answers while Redis is away.
   */
  async enqueue(operation: Pick<Operation, 'id' | 'type' | 'clusterId' | 'tenantId'>): Promise<void> {
    try {
      const payload = { operationId: operation.id, clusterId: operation.clusterId, tenantId: operation.tenantId };
      await withinRedisDeadline(this.queues.add(OPERATION_JOBS[operation.type], payload, operation.id), 'the enqueue');
    } catch (error) {
      this.logger.warn(`operation ${operation.id} committed but not enqueued yet (${(error as Error).message}); the sweeper will enqueue it`);
    }
  }

  private async unfinishedOperation(cluster: Cluster): Promise<Operation | null> {
    if (!cluster.currentOperationId) return null;
    return this.db.getRepository(Operation).findOneBy({ id: cluster.currentOperationId, status: In(UNFINISHED_OPERATION) });
  }

  private async cancel(manager: EntityManager, cluster: Cluster, running: Operation, by: string): Promise<void> {
    await manager.getRepository(Operation).update(
      { id: running.id, status: In(UNFINISHED_OPERATION) },
      { status: 'cancelled', error: `Cancelled by the delete operation ${by}`, finishedAt: new Date() },
    );
    await this.events.record({ clusterId: cluster.id, tenantId: cluster.tenantId, operationId: running.id, type: 'operation', message: `Operation ${running.type} cancelled: the cluster is being deleted`, data: { operation: running.type, status: 'cancelled' } }, manager);
  }
}
