import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { MIGRATIONS } from '../../migrations';
import type { HerdConfig } from '../config/config';
import { withMigrationLock } from './migration-lock';
import { typeormOptions } from './typeorm-options';

const MIGRATIONS_TABLE = 'herd_migrations';

/** How the database's schema compares with the migrations this code ships. */
export interface SchemaStatus {
  /** Migrations of this code that the database has not run, in the order they run. */
  pending: string[];
  /** Migrations the database has run that this code does not know: a newer herd migrated it. */
  unknown: string[];
}

/**
 * Applies pending migrations, each in its own transaction, under the migration lock: processes
 * that start at once on one database wait for each other, and all but one find nothing to do.
 * Returns the names applied.
 */
export async function migrate(config: Pick<HerdConfig, 'databaseUrl'>): Promise<string[]> {
  return withMigrationLock(config.databaseUrl, async () => {
    const dataSource = new DataSource(typeormOptions(config));
    await dataSource.initialize();
    try {
      const applied = await dataSource.runMigrations({ transaction: 'each' });
      return applied.map((migration) => migration.name);
    } finally {
      await dataSource.destroy();
    }
  });
}

/** Compares the database's migrations table with this code's migrations, changing nothing. */
export async function schemaStatus(config: Pick<HerdConfig, 'databaseUrl'>): Promise<SchemaStatus> {
  const client = new Client({ connectionString: config.databaseUrl, application_name: 'herd-migrate' });
  await client.connect();
  try {
    const exists = await client.query<{ present: boolean }>(`SELECT to_regclass($1) IS NOT NULL AS present`, [MIGRATIONS_TABLE]);
    const executed = exists.rows[0]?.present ? (await client.query<{ name: string }>(`SELECT name FROM ${MIGRATIONS_TABLE}`)).rows.map((row) => row.name) : [];
    const known = MIGRATIONS.map((migration) => migration.name);
    return {
      pending: known.filter((name) => !executed.includes(name)),
      unknown: executed.filter((name) => !known.includes(name)),
    };
  } finally {
    await client.end();
  }
}

export async function revertAll(config: Pick<HerdConfig, 'databaseUrl'>): Promise<void> {
  await withMigrationLock(config.databaseUrl, async () => {
    const dataSource = new DataSource(typeormOptions(config));
    await dataSource.initialize();
    try {
      while ((await dataSource.query(`SELECT 1 FROM ${MIGRATIONS_TABLE} LIMIT 1`)).length > 0) {
        await dataSource.undoLastMigration({ transaction: 'each' });
      }
    } finally {
      await dataSource.destroy();
    }
  });
}
