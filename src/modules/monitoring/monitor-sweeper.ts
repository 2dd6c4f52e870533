import { Inject, Injectable, Logger, OnApplicationBootstrap, OnModuleDestroy } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { RepeatingTask } from '../../common/scheduling/repeating-task';
import { HERD_CONFIG, HerdConfig } from '../../config/config';
import { MonitorSchedule } from './monitor-schedule';
import { StaleHealth } from './stale-health';

/**
 * Every probe interval, and at boot: turns stale health UNKNOWN, then gives its probe back to
 * every AVAILABLE cluster that was not probed for one and a half intervals and has no schedule
 * (Redis lost its keys, a worker died between an operation's commit and the scheduling).
 * Schedulers have deterministic keys, so every worker may sweep; a sweep starts only once the
 * previous one ended.
 */
@Injectable()
export class MonitorSweeper implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger(MonitorSweeper.name);
  private readonly repeating: RepeatingTask;

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    @Inject(HERD_CONFIG) private readonly config: HerdConfig,
    private readonly schedule: MonitorSchedule,
    private readonly staleHealth: StaleHealth,
  ) {
    this.repeating = new RepeatingTask(() => this.sweep(), config.monitoring.intervalMs);
  }

  onApplicationBootstrap(): void {
    this.repeating.start();
  }

  onModuleDestroy(): Promise<void> {
    return this.repeating.stop();
  }

  /** Returns the ids of the clusters it scheduled. */
  async sweep(): Promise<string[]> {
    try {
      const stale = await this.staleHealth.mark();
      if (stale.length > 0) this.logger.warn(`health of ${stale.length} cluster(s) turned UNKNOWN: no probe for too long`);
    } catch (error) {
      this.logger.warn(`stale health check failed: ${(error as Error).message}`);
    }
    const scheduled: string[] = [];
    try {
      for (const cluster of await this.unprobed()) {
        if (await this.schedule.isScheduled(cluster.id)) continue;
        await this.schedule.schedule(cluster);
        scheduled.push(cluster.id);
      }
      if (scheduled.length > 0) this.logger.log(`scheduled the health probe of ${scheduled.length} cluster(s) that had none`);
    } catch (error) {
      this.logger.warn(`monitor sweep failed: ${(error as Error).message}`);
    }
    return scheduled;
  }

  /** AVAILABLE clusters, with no operation running, that no probe reached lately. */
  private async unprobed(): Promise<{ id: string; tenantId: string }[]> {
    const rows = (await this.db.query(
      `SELECT c.id, c.tenant_id FROM clusters c
       WHERE c.status = 'AVAILABLE'
         AND (c.health_checked_at IS NULL OR c.health_checked_at < now() - make_interval(secs => $1::double precision / 1000))
         AND NOT EXISTS (SELECT 1 FROM operations o WHERE o.id = c.current_operation_id AND o.status IN ('queued', 'running'))`,
      [this.config.monitoring.intervalMs * 1.5],
    )) as { id: string; tenant_id: string }[];
    return rows.map((row) => ({ id: row.id, tenantId: row.tenant_id }));
  }
}
