import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrate, revertAll } from '../../src/database/migrate';

const ADMIN_URL = process.env.HERD_TEST_ADMIN_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

async function onDatabase<T>(url: string, work: (client: Client) => Promise<T>): Promise<T> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

describe('blueprints migration', () => {
  const name = `herd_mig_${Date.now()}_${randomBytes(3).toString('hex')}`;
  const url = Object.assign(new URL(ADMIN_URL), { pathname: `/${name}` }).toString();
  const tables = () => onDatabase(url, async (c) => (await c.query(`SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY tablename`)).rows.map((r) => r.tablename as string));

  beforeAll(() => onDatabase(ADMIN_URL, (c) => c.query(`CREATE DATABASE ${name}`)));
  afterAll(() => onDatabase(ADMIN_URL, (c) => c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`)));

  it('creates the table with its per-tenant name constraint, reverts cleanly and applies again', async () => {
    await migrate({ databaseUrl: url });
    expect(await tables()).toContain('blueprints');
    await onDatabase(url, async (c) => {
      const [{ id }] = (await c.query(`INSERT INTO tenants (name) VALUES ('t') RETURNING id`)).rows;
      const insert = () => c.query(`INSERT INTO blueprints (tenant_id, name, stack_name, stack_version, document, host_groups) VALUES ($1, 'same', 'HDP', '2.6', '{}', '[]')`, [id]);
      await insert();
      await expect(insert()).rejects.toThrow(/blueprints_tenant_name_unique/);
    });
    await revertAll({ databaseUrl: url });
    expect(await tables()).toEqual(['herd_migrations']);
    await migrate({ databaseUrl: url });
    expect(await tables()).toContain('blueprints');
  });
});
