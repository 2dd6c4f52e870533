import { DataSource } from 'typeorm';
import { Cluster } from '../clusters/cluster.entity';
import { ClusterEvents } from '../events/cluster-events.service';
import { Operation } from './operation.entity';
import { OperationCancelled, RunReporter } from './operation-run';

const PROGRESS_EVENT_EVERY = 5;

/** Writes an operation's step and percent to its row and its events, and notices cancellation. */
export class DatabaseRunReporter implements RunReporter {
  private percent: number;
  private detail: string | null;
  private eventPercent: number;

  constructor(
    private readonly db: DataSource,
    private readonly events: ClusterEvents,
    private readonly operation: Operation,
  ) {
    this.percent = operation.percent;
    this.detail = operation.step;
    this.eventPercent = operation.percent;
  }

  async step(step: string, percent: number, data: Record<string, unknown> = {}): Promise<void> {
    this.percent = Math.max(this.percent, percent);
    this.detail = step;
    this.eventPercent = this.percent;
    await this.db.getRepository(Operation).update({ id: this.operation.id }, { step, percent: this.percent });
    await this.event('step', step, { ...data, percent: this.percent });
  }

  async progress(percent: number, detail?: string): Promise<void> {
    const next = Math.max(this.percent, Math.min(99, percent));
    const detailChanged = detail !== undefined && detail !== this.detail;
    if (next === this.percent && !detailChanged) return;
    this.percent = next;
    if (detail !== undefined) this.detail = detail;
    await this.db.getRepository(Operation).update({ id: this.operation.id }, { percent: next, ...(detail !== undefined ? { step: detail } : {}) });
    if (detailChanged || next - this.eventPercent >= PROGRESS_EVENT_EVERY) {
      this.eventPercent = next;
      await this.event('progress', this.detail ?? `${next}%`, { percent: next });
    }
  }

  async event(type: Parameters<RunReporter['event']>[0], message: string, data: Record<string, unknown> = {}): Promise<void> {
    await this.events.record({ clusterId: this.operation.clusterId, tenantId: this.operation.tenantId, operationId: this.operation.id, type, message, data: { percent: this.percent, ...data } });
  }

  async throwIfCancelled(): Promise<void> {
    const [operation, cluster] = await Promise.all([
      this.db.getRepository(Operation).findOne({ where: { id: this.operation.id }, select: { id: true, status: true } }),
      this.db.getRepository(Cluster).findOne({ where: { id: this.operation.clusterId }, select: { id: true, currentOperationId: true } }),
    ]);
    if (operation?.status === 'cancelled' || cluster?.currentOperationId !== this.operation.id) throw new OperationCancelled(this.operation.id);
  }
}
