import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { DomainError } from '../../common/errors';
import { ClusterEvents } from '../events';
import { Cluster, ClusterStore, Operation, OperationIntake, paramsOf, UNFINISHED_OPERATION } from '../lifecycle';

const notCancellable = (why: string) => new DomainError('ILLEGAL_STATE', why);

/**
 * Cancels an operation where it can stop safely: a create (queued or running) is cancelled by a
 * delete, which tears down whatever it launched; a queued scale or repair is withdrawn before a
 * worker touches the cluster, which goes back to AVAILABLE with its old sizes. Everything else
 * (a finished operation, a delete, a running scale, repair, stop or start) is a 409.
 */
@Injectable()
export class OperationCancellation {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly intake: OperationIntake,
    private readonly store: ClusterStore,
    private readonly events: ClusterEvents,
  ) {}

  async cancel(operation: Operation): Promise<Operation> {
    if (!UNFINISHED_OPERATION.includes(operation.status)) throw notCancellable(`Operation ${operation.type} ${operation.id} has already ${operation.status === 'cancelled' ? 'been cancelled' : operation.status}`);
    if (operation.type === 'delete') throw notCancellable(`Operation delete ${operation.id} is a teardown in progress; it cannot be cancelled`);
    const cluster = await this.db.getRepository(Cluster).findOneByOrFail({ id: operation.clusterId });
    if (operation.type === 'create') {
      await this.intake.request(cluster, 'delete', { message: `Cancel of the create ${operation.id} requested: tearing down what it launched` });
    } else if ((operation.type === 'scale' || operation.type === 'repair') && operation.status === 'queued') {
      await this.withdraw(cluster, operation);
    } else {
      throw notCancellable(`Operation ${operation.type} ${operation.id} is ${operation.status} and cannot stop safely; wait for it to finish, or delete the cluster`);
    }
    return this.db.getRepository(Operation).findOneByOrFail({ id: operation.id });
  }

  private async withdraw(cluster: Cluster, operation: Operation): Promise<void> {
    const previousHostGroups = operation.type === 'scale' ? paramsOf(operation, 'scale').previousHostGroups : undefined;
    await this.db.transaction(async (manager) => {
      const withdrawn = await manager.getRepository(Operation).update({ id: operation.id, status: 'queued' }, { status: 'cancelled', error: 'Cancelled on request before it started', finishedAt: new Date() });
      if (withdrawn.affected !== 1) throw notCancellable(`Operation ${operation.type} ${operation.id} has started meanwhile and cannot stop safely; wait for it to finish`);
      const restored = await this.store.change(manager, cluster, { status: 'AVAILABLE', statusReason: null, ...(previousHostGroups ? { hostGroups: previousHostGroups } : {}) });
      if (!restored) throw notCancellable('The cluster changed while the cancel was handled; read the operation again');
      const event = { clusterId: cluster.id, tenantId: cluster.tenantId, operationId: operation.id };
      await this.events.record({ ...event, type: 'operation', message: `Operation ${operation.type} cancelled on request before it started`, data: { operation: operation.type, status: 'cancelled' } }, manager);
      await this.events.record({ ...event, type: 'status', message: `Status ${cluster.status} -> AVAILABLE: ${operation.type} cancelled`, data: { from: cluster.status, to: 'AVAILABLE' } }, manager);
    });
    await this.events.announce(cluster.id);
  }
}
