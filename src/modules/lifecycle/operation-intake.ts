import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { randomUUID } from 'node:crypto';
import { DataSource, EntityManager, In } from 'typeorm';
import { Conflict, IllegalState } from '../../common/errors';
import { JobQueues } from '../../queue/job-queues';
import { withinRedisDeadline } from '../../queue/redis-deadline';
import { ClusterEvents } from '../events';
import { statusAfterRequest } from './cluster-state-machine';
import { ClusterStore, type NewCluster } from './cluster-store';
import { Cluster, DesiredHostGroup } from './cluster.entity';
import { OPERATION_KINDS, type OperationParams, type OperationType } from './operation-kinds';
import { Operation, UNFINISHED_OPERATION } from './operation.entity';

interface ChangeWords {
  /** Runs first inside the transaction, e.g. the quota check that must hold its lock until commit. */
  guard?: (tx: EntityManager) => Promise<void>;
  /** The first event's words, e.g. "Scale of worker from 3 to 5 nodes requested". */
  message: string;
}

/** A request on an existing cluster; params are required for the kinds that have some. */
export type OperationChange<T extends OperationType> = ChangeWords & { hostGroups?: DesiredHostGroup[] } & (Record<string, never> extends OperationParams[T] ? { params?: OperationParams[T] } : { params: OperationParams[T] });

const REQUEST_ATTEMPTS = 3;
const clusterChanged = () => new Conflict('The cluster changed while this request was handled; read it again and retry');

/** The store refused the write: the cluster is no longer as this request read it. */
class FenceLost extends Error {}

export interface Requested {
  clusterId: string;
  operationId: string;
}

/**
 * The one way an operation is requested, a cluster's creation included: checks the state machine
 * and the one-at-a-time rule, writes status (through the cluster store), operation and first
 * event in one transaction, then enqueues the job.
 */
@Injectable()
export class OperationIntake {
  private readonly logger = new Logger(OperationIntake.name);

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly store: ClusterStore,
    private readonly events: ClusterEvents,
    private readonly queues: JobQueues,
  ) {}

  /**
   * Creates a cluster and its create operation. `alsoWrite` runs in the same transaction once
   * both exist (the idempotency record); a unique violation (the cluster's name) is thrown as is.
   */
  async create(cluster: Omit<NewCluster, 'id'>, change: ChangeWords & { alsoWrite?: (tx: EntityManager, requested: Requested) => Promise<void> }): Promise<Requested> {
    const requested = { clusterId: randomUUID(), operationId: randomUUID() };
    await this.db.transaction(async (tx) => {
      await change.guard?.(tx);
      await this.store.insertRequested(tx, { ...cluster, id: requested.clusterId }, requested.operationId);
      await this.insertOperation(tx, { id: requested.clusterId, tenantId: cluster.tenantId }, requested.operationId, 'create', {});
      await change.alsoWrite?.(tx, requested);
      await this.events.record({ clusterId: requested.clusterId, tenantId: cluster.tenantId, operationId: requested.operationId, type: 'status', message: change.message, data: { to: 'REQUESTED', operation: 'create' } }, tx);
    });
    await this.events.announce(requested.clusterId);
    await this.enqueue({ id: requested.operationId, type: 'create', clusterId: requested.clusterId, tenantId: cluster.tenantId });
    return requested;
  }

  /**
   * A request that loses the store's fence to a worker's own step (a run claiming the cluster, say)
   * is checked again on the cluster as it is now, a few times; it is a 409 only when the cluster
   * changed in what the request was based on (its host groups) or no longer allows it.
   */
  async request<T extends OperationType>(cluster: Cluster, type: T, change: OperationChange<T>): Promise<Operation> {
    let read = cluster;
    for (let attempt = 1; ; attempt += 1) {
      try {
        return await this.requestOnce(read, type, change);
      } catch (error) {
        if (!(error instanceof FenceLost) || attempt >= REQUEST_ATTEMPTS) throw error instanceof FenceLost ? clusterChanged() : error;
        const now = await this.db.getRepository(Cluster).findOneByOrFail({ id: cluster.id });
        if (JSON.stringify(now.hostGroups) !== JSON.stringify(cluster.hostGroups)) throw clusterChanged();
        read = now;
      }
    }
  }

  private async requestOnce<T extends OperationType>(cluster: Cluster, type: T, change: OperationChange<T>): Promise<Operation> {
    const next = statusAfterRequest(type, cluster.status);
    const running = await this.unfinishedOperation(cluster);
    if (running && !OPERATION_KINDS[type].cancels.includes(running.type)) {
      throw new IllegalState(`Operation ${running.type} (${running.id}) is still ${running.status} on this cluster; wait for it to finish${type === 'delete' ? '' : ' or delete the cluster'}`);
    }
    const operationId = randomUUID();
    const operation = await this.db.transaction(async (manager) => {
      await change.guard?.(manager);
      const written = await this.store.change(manager, cluster, { status: next, statusReason: null, currentOperationId: operationId, ...(change.hostGroups ? { hostGroups: change.hostGroups } : {}) });
      if (!written) throw new FenceLost();
      if (running) await this.cancel(manager, cluster, running, operationId);
      const params = { ...change.params, ...(running ? { cancelledOperationId: running.id } : {}) } as OperationParams[T];
      const created = await this.insertOperation(manager, cluster, operationId, type, params);
      await this.events.record({ clusterId: cluster.id, tenantId: cluster.tenantId, operationId, type: 'status', message: `${change.message}; status ${cluster.status} -> ${next}`, data: { from: cluster.status, to: next, operation: type } }, manager);
      return created;
    });
    await this.events.announce(cluster.id);
    await this.enqueue(operation);
    return operation;
  }

  private async insertOperation<T extends OperationType>(manager: EntityManager, cluster: Pick<Cluster, 'id' | 'tenantId'>, id: string, type: T, params: OperationParams[T]): Promise<Operation> {
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
      await withinRedisDeadline(this.queues.add(OPERATION_KINDS[operation.type].job, payload, operation.id), 'the enqueue');
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
