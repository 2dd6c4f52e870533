import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { migrate } from '../../src/database/migrate';
import { testDatabaseUrl } from './test-app';

export interface IsolatedDatabase {
  url: string;
  drop(): Promise<void>;
}

/**
 * A migrated database of its own, for tests that compare the whole database before and after:
 * the run's shared database changes under them while other files run in parallel. With
 * `migrated: false` it is left empty, as a new deployment's database is.
 */
export async function createIsolatedDatabase(label: string, { migrated = true }: { migrated?: boolean } = {}): Promise<IsolatedDatabase> {
  const name = `herd_${label}_${Date.now()}_${randomBytes(3).toString('hex')}`;
  const adminUrl = new URL(testDatabaseUrl());
  adminUrl.pathname = '/postgres';
  await withClient(adminUrl.toString(), (client) => client.query(`CREATE DATABASE ${name}`));
  const url = new URL(testDatabaseUrl());
  url.pathname = `/${name}`;
  if (migrated) await migrate({ databaseUrl: url.toString() });
  return {
    url: url.toString(),
    drop: async () => {
      await withClient(adminUrl.toString(), (client) => client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`));
    },
  };
}

async function withClient<T>(url: string, use: (client: Client) => Promise<T>): Promise<T> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    return await use(client);
  } finally {
    await client.end();
  }
}

/** Row count and content digest of every table but the ones that legitimately grow. */
export async function databaseFingerprint(db: DataSource, exclude: string[] = ['audit_log', 'herd_migrations']): Promise<Record<string, string>> {
  const tables: { tablename: string }[] = await db.query(`SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY tablename`);
  const fingerprint: Record<string, string> = {};
  for (const { tablename } of tables) {
    if (exclude.includes(tablename)) continue;
    const [row] = await db.query(`SELECT count(*)::int AS rows, coalesce(md5(string_agg(t::text, '|' ORDER BY t::text)), '-') AS digest FROM "${tablename}" t`);
    fingerprint[tablename] = `${row.rows} rows, ${row.digest}`;
  }
  return fingerprint;
}
