import { Client } from 'pg';

/**
 * The key of the session-level advisory lock every herd process takes before it reads or applies
 * migrations: fixed, so that any two herd processes on one database exclude each other.
 * It reads "herd mig" in ASCII.
 */
export const MIGRATION_LOCK_KEY = '7522544526958618983';

/**
 * Runs `work` while holding the migration lock, on a connection of its own so that the lock
 * outlives the transactions `work` opens and closes. Other processes wait on the lock, then
 * find nothing pending. The lock ends with the connection, even if this process dies.
 */
export async function withMigrationLock<T>(databaseUrl: string, work: () => Promise<T>): Promise<T> {
  const client = new Client({ connectionString: databaseUrl, application_name: 'herd-migrate' });
  await client.connect();
  try {
    await client.query('SELECT pg_advisory_lock($1::bigint)', [MIGRATION_LOCK_KEY]);
    try {
      return await work();
    } finally {
      await client.query('SELECT pg_advisory_unlock($1::bigint)', [MIGRATION_LOCK_KEY]);
    }
  } finally {
    await client.end();
  }
}
