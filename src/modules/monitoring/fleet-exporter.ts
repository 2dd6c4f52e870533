import { Inject, Injectable, Logger, OnModuleDestroy } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { createHash } from 'node:crypto';
import { DataSource } from 'typeorm';
import { atMostEvery } from '../../common/logging';
import { HERD_CONFIG, HerdConfig } from '../../config/config';
import { RelayLock } from '../event-relay';

/**
 * Decides which one process of a deployment exports the fleet-wide series, so that a sum over
 * every scraped process counts each cluster once: the one holding a session advisory lock. The
 * key is the deployment's (its Redis prefix), since deployments may share a database. Another
 * process takes the lock at its next scrape once the holder's connection is gone.
 */
@Injectable()
export class FleetExporter implements OnModuleDestroy {
  private readonly logger = new Logger(FleetExporter.name);
  private readonly warn = atMostEvery(60_000, (message) => this.logger.warn(message));
  private readonly key: string;
  private lock: RelayLock | undefined;
  private asking: Promise<boolean> | undefined;
  private closed = false;

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    @Inject(HERD_CONFIG) config: HerdConfig,
  ) {
    this.key = fleetLockKey(config.redisPrefix);
  }

  /** Whether this process is the exporter now: keeps the lock while its connection answers, or takes it when free. */
  holds(): Promise<boolean> {
    // Scrapes at once ask once: two connections asking would each take a session of their own.
    this.asking ??= this.ask().finally(() => (this.asking = undefined));
    return this.asking;
  }

  private async ask(): Promise<boolean> {
    if (this.closed) return false;
    if (this.lock) {
      const alive = await this.lock.runner.query('SELECT 1').then(() => true, () => false);
      if (alive) return true;
      await this.lock.release();
      this.lock = undefined;
    }
    try {
      this.lock = await RelayLock.tryTake(this.db, this.key);
    } catch (error) {
      this.warn(`the fleet exporter lock could not be asked for: ${(error as Error).message}`);
    }
    if (this.closed && this.lock) await this.release();
    return this.lock !== undefined;
  }

  async onModuleDestroy(): Promise<void> {
    this.closed = true;
    await this.asking;
    await this.release();
  }

  private async release(): Promise<void> {
    const lock = this.lock;
    this.lock = undefined;
    await lock?.release();
  }
}

/** A bigint advisory lock key of its own per Redis prefix: "herd fleet exporter" hashed with it. */
export function fleetLockKey(redisPrefix: string): string {
  return BigInt.asIntN(64, createHash('sha256').update(`herd-fleet-exporter:${redisPrefix}`).digest().readBigUInt64BE(0)).toString();
}
