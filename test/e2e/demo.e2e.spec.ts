import { execFile, execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { Client } from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createIsolatedDatabase, IsolatedDatabase } from '../support/isolated-database';
import { testRedisPrefix } from '../support/test-app';

const ROOT = join(__dirname, '..', '..');

/** `npm run demo` as a user runs it, on a database of its own: it must leave no live key, credential or cluster behind. */
describe('the demo', () => {
  let database: IsolatedDatabase;

  beforeAll(() => {
    execFileSync(process.execPath, [join(ROOT, 'scripts', 'ensure-built.js')], { cwd: ROOT, stdio: 'inherit' });
  });
  beforeAll(async () => {
    database = await createIsolatedDatabase('demo');
  });
  afterAll(async () => {
    await database?.drop();
  });

  it('provisions, scales and deletes a cluster, then revokes its key and deletes its credential', async () => {
    const { stdout } = await promisify(execFile)(process.execPath, [join(ROOT, 'dist', 'src', 'cli', 'demo.js')], {
      cwd: ROOT,
      env: { ...process.env, DATABASE_URL: database.url, HERD_REDIS_PREFIX: testRedisPrefix(), LOG_LEVEL: 'warn' },
      timeout: 300_000,
    });
    expect(stdout).toMatch(/is DELETED; \d+ events recorded/);
    const client = new Client({ connectionString: database.url });
    await client.connect();
    try {
      const keys = await client.query(`SELECT count(*)::int AS live FROM api_keys WHERE revoked_at IS NULL`);
      const credentials = await client.query(`SELECT count(*)::int AS count FROM credentials`);
      const clusters = await client.query(`SELECT status FROM clusters`);
      expect(keys.rows[0].live).toBe(0);
      expect(credentials.rows[0].count).toBe(0);
      expect(clusters.rows.map((row) => row.status)).toEqual(['DELETED']);
    } finally {
      await client.end();
    }
  });
});
