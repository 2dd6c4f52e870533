import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { Client } from 'pg';
import type { TestProject } from 'vitest/node';
import { migrate } from '../../src/database/migrate';

declare module 'vitest' {
  export interface ProvidedContext {
    databaseUrl: string;
  }
}

const ADMIN_URL = process.env.HERD_TEST_ADMIN_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const ROOT = join(__dirname, '..', '..');

/** One fresh database per test run, so parallel runs never see each other; dropped afterwards. */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  // Built once before any file runs: files that start the built herd (workers, the demo, the CLI)
  // run in parallel, and a build of one would delete the dist/ another is running from.
  const { ensureBuilt } = require(join(ROOT, 'scripts', 'ensure-built.js')) as { ensureBuilt: () => void };
  ensureBuilt();
  const name = `herd_test_${Date.now()}_${randomBytes(3).toString('hex')}`;
  const admin = new Client({ connectionString: ADMIN_URL });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(ADMIN_URL);
  url.pathname = `/${name}`;
  await migrate({ databaseUrl: url.toString() });
  project.provide('databaseUrl', url.toString());
  return async () => {
    if (process.env.HERD_TEST_KEEP_DATABASE === 'true') return;
    const client = new Client({ connectionString: ADMIN_URL });
    await client.connect();
    await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await client.end();
  };
}
