import { Inject, Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { HERD_CONFIG, type HerdConfig } from '../../config/config';
import { ObservedNode, providerKey } from '../../providers/spi';
import { ClusterBinder } from '../clusters';
import { Cluster, type ClusterHealth, UNFINISHED_OPERATION } from '../lifecycle';
import { ClusterEvents } from '../events';
import { HealthSamples, HealthSources, NodeLedger, ProviderThrottle, withRetry } from '../observation';
import { Autoscaler } from '../autoscaling';
import { AutoRecovery } from './auto-recovery';
import { HealthRollup, rollUpHealth } from './health-rollup';
import { MonitorSchedule } from './monitor-schedule';

export type ProbeResult = 'recorded' | 'repair requested' | 'scale requested' | 'skipped' | 'unscheduled';

/**
 * One health probe of an AVAILABLE cluster: observe through the provider as the reconciler does,
 * ask the masters for their figures (pull providers) or read the nodes' own last reports (push
 * providers, whose nodes herd may not reach), mirror the nodes, record the health, then request a
 * repair where a host group's recovery mode is `auto` and a node stayed lost, or else a scale
 * where an autoscaling policy's metric crossed its threshold.
 * A probe never writes while an operation owns the cluster.
 */
@Injectable()
export class ClusterMonitor {
  private readonly logger = new Logger(ClusterMonitor.name);

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    @Inject(HERD_CONFIG) private readonly config: HerdConfig,
    private readonly binder: ClusterBinder,
    private readonly throttle: ProviderThrottle,
    private readonly health: HealthSources,
    private readonly ledger: NodeLedger,
    private readonly events: ClusterEvents,
    private readonly samples: HealthSamples,
    private readonly schedule: MonitorSchedule,
    private readonly recovery: AutoRecovery,
    private readonly autoscaler: Autoscaler,
  ) {}

  async probe(clusterId: string): Promise<ProbeResult> {
    const cluster = await this.db.getRepository(Cluster).findOneBy({ id: clusterId });
    if (!cluster || cluster.status === 'DELETED') {
      await this.schedule.unschedule(clusterId, true);
      return 'unscheduled';
    }
    if (await this.operationRunning(this.db.manager, cluster.currentOperationId)) return 'skipped';
    if (cluster.status !== 'AVAILABLE') {
      await this.schedule.unschedule(clusterId);
      return 'unscheduled';
    }
    const { rollup, observed } = await this.observe(cluster);
    const written = await this.record(cluster, rollup, observed);
    if (!written) return 'skipped';
    await this.samples.add(cluster.id, { at: new Date().toISOString(), health: rollup.health, message: rollup.message, ...rollup.figures });
    if (observed && (await this.recovery.consider(cluster, observed)) === 'requested') return 'repair requested';
    if (await this.autoscaler.consider(cluster, rollup.figures)) return 'scale requested';
    return 'recorded';
  }

  private async observe(cluster: Cluster): Promise<{ rollup: HealthRollup; observed?: ObservedNode[] }> {
    let bound;
    try {
      bound = await this.binder.bind(cluster);
    } catch (error) {
      return { rollup: unknown(`herd cannot reach the provider: ${(error as Error).message}`) };
    }
    try {
      // A transient fault is retried within the probe, so it does not flap the health for one interval.
      const retryUntil = Date.now() + Math.min(this.config.monitoring.intervalMs, 10_000);
      const describe = () => this.throttle.run(providerKey(bound.provider.kind, bound.provider.variant), () => bound.connection.describe(bound.spec));
      const described = await withRetry(describe, { deadline: retryUntil, baseMs: 50, capMs: 500 });
      const source = this.health.of(bound.provider);
      const target = { cluster, spec: bound.spec };
      const observed = await source.overlay(target, described, { silentAfterMs: this.config.monitoring.nodeSilenceMs });
      const measurements = await source.measure(target, observed);
      return { rollup: rollUpHealth(bound.spec, observed, measurements), observed };
    } catch (error) {
      return { rollup: unknown(`the provider did not describe the nodes: ${(error as Error).message}`) };
    } finally {
      await bound.connection.close?.().catch(() => undefined);
    }
  }

  /** Under the cluster's row lock, so an operation requested meanwhile either waits or makes this write nothing. */
  private async record(cluster: Cluster, rollup: HealthRollup, observed: ObservedNode[] | undefined): Promise<boolean> {
    let from: ClusterHealth | undefined;
    const written = await this.db.transaction(async (manager) => {
      const [row] = (await manager.query('SELECT status, health, current_operation_id FROM clusters WHERE id = $1 FOR UPDATE', [cluster.id])) as { status: string; health: ClusterHealth; current_operation_id: string | null }[];
      if (!row || row.status !== 'AVAILABLE' || row.current_operation_id !== cluster.currentOperationId) return false;
      if (await this.operationRunning(manager, row.current_operation_id)) return false;
      if (observed) await this.ledger.mirror(manager, cluster.id, observed);
      // Not through the entity: its version column would make a concurrent user request fail as a conflict.
      await manager.query('UPDATE clusters SET health = $2, health_checked_at = now() WHERE id = $1', [cluster.id, rollup.health]);
      if (row.health === rollup.health) return true;
      from = row.health;
      await this.events.record({ clusterId: cluster.id, tenantId: cluster.tenantId, type: 'health', message: rollup.message, data: { from: row.health, to: rollup.health, ...rollup.figures } }, manager);
      return true;
    });
    if (from) {
      await this.events.announce(cluster.id);
      this.logger.log(`cluster ${cluster.id} health ${from} -> ${rollup.health}`);
    }
    return written;
  }

  private async operationRunning(manager: EntityManager, operationId: string | null): Promise<boolean> {
    if (!operationId) return false;
    const [row] = (await manager.query('SELECT status FROM operations WHERE id = $1', [operationId])) as { status: string }[];
    return row !== undefined && (UNFINISHED_OPERATION as readonly string[]).includes(row.status);
  }
}

function unknown(reason: string): HealthRollup {
  return { health: 'UNKNOWN', message: `UNKNOWN: ${reason}`, figures: { nodesByStatus: {}, members: [] } };
}
