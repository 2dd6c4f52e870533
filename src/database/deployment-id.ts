import { Client } from 'pg';
import type { HerdConfig } from '../config/config';

/** The id this deployment's database was given when it was created; undefined before the migration that adds it. */
export async function readDeploymentId(config: Pick<HerdConfig, 'databaseUrl'>): Promise<string | undefined> {
  const client = new Client({ connectionString: config.databaseUrl });
  await client.connect();
  try {
    const exists = await client.query<{ present: boolean }>(`SELECT to_regclass('deployment') IS NOT NULL AS present`);
    if (!exists.rows[0]?.present) return undefined;
    const { rows } = await client.query<{ id: string }>('SELECT id FROM deployment');
    return rows[0]?.id;
  } finally {
    await client.end();
  }
}
