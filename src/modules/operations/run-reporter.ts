import { DataSource } from 'typeorm';
import { safeMessage } from '../../common/secrets';
import { JobHandedBack } from '../../queue/job-handed-back';
import { Cluster, Operation } from '../lifecycle';
import { ClusterEvents, type ClusterEventType } from '../events';
import { OperationCancelled, RunReporter } from './operation-run';

const PROGRESS_EVENT_EVERY = 5;

/**
 * Writes an operation's step and percent to its row and its events, and notices cancellation.
 * Every write is fenced by the run's token: once another run has claimed the operation, this one
 * writes nothing more and stops as if cancelled.
 */
export class DatabaseRunReporter implements RunReporter {
  private percent: number;
  private detail: string | null;
  private eventPercent: number;

  constructor(
    private readonly db: DataSource,
    private readonly events: ClusterEvents,
    private readonly operation: Operation,
    private readonly runToken: string,
    /** Aborted when the worker shuts down: the run stops at its next check and its job goes back to the queue. */
    private readonly stopping?: AbortSignal,
  ) {
    this.percent = operation.percent;
    this.detail = operation.step;
    this.eventPercent = operation.percent;
  }

  async step(step: string, percent: number, data: Record<string, unknown> = {}): Promise<void> {
    this.percent = Math.max(this.percent, percent);
    this.detail = step;
    this.eventPercent = this.percent;
    await this.write({ step, percent: this.percent }, { type: 'step', message: step, data: { ...data, percent: this.percent } });
  }

  async progress(percent: number, detail?: string): Promise<void> {
    const next = Math.max(this.percent, Math.min(99, percent));
    const detailChanged = detail !== undefined && detail !== this.detail;
    if (next === this.percent && !detailChanged) return;
    this.percent = next;
    if (detail !== undefined) this.detail = detail;
    const worthAnEvent = detailChanged || next - this.eventPercent >= PROGRESS_EVENT_EVERY;
    if (worthAnEvent) this.eventPercent = next;
    await this.write(
      { percent: next, ...(detail !== undefined ? { step: detail } : {}) },
      worthAnEvent ? { type: 'progress', message: this.detail ?? `${next}%`, data: { percent: next } } : undefined,
    );
  }

  async event(type: ClusterEventType, message: string, data: Record<string, unknown> = {}): Promise<void> {
    await this.write(undefined, { type, message, data });
  }

  /**
   * Progress and its event in one commit. They may be lost in a database crash without harm (the
   * next step rewrites them), so the commit does not wait for the disk: a reconcile pass of a big
   * cluster writes many of them.
   */
  private async write(operation: Partial<Pick<Operation, 'step' | 'percent'>> | undefined, event: { type: ClusterEventType; message: string; data: Record<string, unknown> } | undefined): Promise<void> {
    await this.db.transaction(async (manager) => {
      await manager.query('SET LOCAL synchronous_commit TO OFF');
      const values = typeof operation?.step === 'string' ? { ...operation, step: safeMessage(operation.step) } : operation;
      // With nothing to change, the update still proves this run owns the operation.
      const owned = await manager.getRepository(Operation).update({ id: this.operation.id, runToken: this.runToken }, values && Object.keys(values).length > 0 ? values : { runToken: this.runToken });
      if (owned.affected !== 1) throw new OperationCancelled(this.operation.id);
      if (event) {
        const data = { percent: this.percent, ...event.data, run: this.runToken };
        await this.events.record({ clusterId: this.operation.clusterId, tenantId: this.operation.tenantId, operationId: this.operation.id, type: event.type, message: event.message, data }, manager);
      }
    });
    if (event) await this.events.announce(this.operation.clusterId);
  }

  async throwIfCancelled(): Promise<void> {
    if (this.stopping?.aborted) throw new JobHandedBack(`operation ${this.operation.id} (${this.operation.type})`);
    const [operation, cluster] = await Promise.all([
      this.db.getRepository(Operation).findOne({ where: { id: this.operation.id }, select: { id: true, status: true, runToken: true } }),
      this.db.getRepository(Cluster).findOne({ where: { id: this.operation.clusterId }, select: { id: true, currentOperationId: true } }),
    ]);
    if (operation?.status === 'cancelled' || operation?.runToken !== this.runToken || cluster?.currentOperationId !== this.operation.id) throw new OperationCancelled(this.operation.id);
  }
}
