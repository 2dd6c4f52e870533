import { Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { Cluster } from '../clusters/cluster.entity';
import { MonitorSchedule } from './monitor-schedule';

/**
 * At boot, gives every AVAILABLE cluster its probe back when it lost it (Redis flushed, a worker
 * died between an operation's commit and the scheduling). Schedulers have deterministic keys,
 * so every worker may sweep.
 */
@Injectable()
export class MonitorSweeper implements OnApplicationBootstrap {
  private readonly logger = new Logger(MonitorSweeper.name);

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly schedule: MonitorSchedule,
  ) {}

  onApplicationBootstrap(): void {
    void this.sweep();
  }

  /** Returns the ids of the clusters it scheduled. */
  async sweep(): Promise<string[]> {
    const scheduled: string[] = [];
    try {
      const available = await this.db.getRepository(Cluster).find({ where: { status: 'AVAILABLE' }, select: { id: true, tenantId: true } });
      for (const cluster of available) {
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
