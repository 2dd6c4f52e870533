import { Inject, Injectable, Logger, OnApplicationBootstrap, OnModuleDestroy } from '@nestjs/common';
import { RepeatingTask } from '../../common/scheduling';
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
      for (const cluster of await this.staleHealth.notProbedFor(this.config.monitoring.intervalMs * 1.5)) {
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
}
