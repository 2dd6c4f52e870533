import type { DataSource, QueryRunner } from 'typeorm';

/** The advisory lock key of the one relay of a database ("herd-rly" in ASCII). */
const RELAY_LOCK_KEY = '7522532106830228601';

/**
 * A PostgreSQL session advisory lock on a connection of its own. The relay writes through that
 * connection, so a relay whose connection died (and with it the lock) can mark nothing relayed;
 * a killed process's lock goes with its connection and another relay takes over. Other
 * one-per-deployment roles (the fleet metrics exporter) take it under a key of their own.
 */
export class RelayLock {
  private constructor(
    readonly runner: QueryRunner,
    private readonly key: string,
  ) {}

  /** `key`: a bigint in decimal. */
  static async tryTake(db: DataSource, key: string = RELAY_LOCK_KEY): Promise<RelayLock | undefined> {
    const runner = db.createQueryRunner();
    await runner.connect();
    try {
      const [{ locked }] = (await runner.query(`SELECT pg_try_advisory_lock($1::bigint) AS locked`, [key])) as { locked: boolean }[];
      if (locked) return new RelayLock(runner, key);
    } catch (error) {
      await runner.release();
      throw error;
    }
    await runner.release();
    return undefined;
  }

  /** Unlocks before the connection goes back to the pool, where the lock would otherwise stay held. */
  async release(): Promise<void> {
    await this.runner.query(`SELECT pg_advisory_unlock($1::bigint)`, [this.key]).catch(() => undefined);
    await this.runner.release().catch(() => undefined);
  }
}
