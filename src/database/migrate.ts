import { DataSource } from 'typeorm';
import type { HerdConfig } from '../config/config';
import { typeormOptions } from './typeorm-options';

/** Applies pending migrations, each in its own transaction. Returns the names applied. */
export async function migrate(config: Pick<HerdConfig, 'databaseUrl'>): Promise<string[]> {
  const dataSource = new DataSource(typeormOptions(config));
  await dataSource.initialize();
  try {
    const applied = await dataSource.runMigrations({ transaction: 'each' });
    return applied.map((migration) => migration.name);
  } finally {
    await dataSource.destroy();
  }
}

export async function revertAll(config: Pick<HerdConfig, 'databaseUrl'>): Promise<void> {
  const dataSource = new DataSource(typeormOptions(config));
  await dataSource.initialize();
  try {
    while ((await dataSource.query(`SELECT 1 FROM herd_migrations LIMIT 1`)).length > 0) {
      await dataSource.undoLastMigration({ transaction: 'each' });
    }
  } finally {
    await dataSource.destroy();
  }
}
