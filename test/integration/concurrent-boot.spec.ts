import { ChildProcess, execFile, execFileSync, spawn } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { Client } from 'pg';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { MIGRATIONS } from '../../migrations';
import { createIsolatedDatabase, IsolatedDatabase } from '../support/isolated-database';
import { patience } from '../support/patience';
import { freePort } from '../support/free-port';
import { testRedisPrefix } from '../support/test-app';
import { until } from '../support/until';

const ROOT = join(__dirname, '..', '..');
const MAIN = join(ROOT, 'dist', 'src', 'main.js');
const MIGRATE = join(ROOT, 'dist', 'src', 'cli', 'migrate.js');
const PROCESSES = 3;

interface Booted {
  child: ChildProcess;
  port: number;
  stderr: () => string;
  exited: Promise<number | null>;
}

function herdEnv(database: IsolatedDatabase, extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  return { ...process.env, DATABASE_URL: database.url, HERD_REDIS_PREFIX: testRedisPrefix(), LOG_LEVEL: 'warn', HOST: '127.0.0.1', ...extra };
}

function boot(env: NodeJS.ProcessEnv, port: number): Booted {
  const child = spawn(process.execPath, [MAIN], { cwd: ROOT, env: { ...env, PORT: String(port) }, stdio: ['ignore', 'ignore', 'pipe'] });
  const chunks: string[] = [];
  child.stderr?.on('data', (chunk: Buffer) => chunks.push(chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return { child, port, stderr: () => chunks.join(''), exited };
}

async function readyStatus(herd: Booted): Promise<number | string> {
  if (herd.child.exitCode !== null) return `exited ${herd.child.exitCode}: ${herd.stderr().slice(-1500)}`;
  try {
    return (await fetch(`http://127.0.0.1:${herd.port}/ready`)).status;
  } catch {
    return 'not listening yet';
  }
}

async function appliedMigrations(database: IsolatedDatabase): Promise<string[]> {
  const client = new Client({ connectionString: database.url });
  await client.connect();
  try {
    return (await client.query<{ name: string }>('SELECT name FROM herd_migrations ORDER BY id')).rows.map((row) => row.name);
  } finally {
    await client.end();
  }
}

async function runMigrate(database: IsolatedDatabase, args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await promisify(execFile)(process.execPath, [MIGRATE, ...args], { cwd: ROOT, env: herdEnv(database), timeout: patience(60_000) });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code?: number; stdout?: string; stderr?: string };
    return { code: failed.code ?? -1, stdout: failed.stdout ?? '', stderr: failed.stderr ?? '' };
  }
}

/** Processes started together on a new deployment's empty database, as an API and its workers are. */
describe('boot on an empty database', () => {
  const databases: IsolatedDatabase[] = [];
  const running: Booted[] = [];

  async function emptyDatabase(): Promise<IsolatedDatabase> {
    const database = await createIsolatedDatabase('boot', { migrated: false });
    databases.push(database);
    return database;
  }

  beforeAll(() => {
    execFileSync(process.execPath, [join(ROOT, 'scripts', 'ensure-built.js')], { cwd: ROOT, stdio: 'inherit' });
  }, patience(300_000));
  afterEach(async () => {
    for (const herd of running.splice(0)) {
      if (herd.child.exitCode === null) herd.child.kill('SIGTERM');
      await herd.exited;
    }
  });
  afterAll(async () => {
    for (const database of databases) await database.drop();
  });

  it(`${PROCESSES} processes booted at the same moment all serve, and each migration runs once`, async () => {
    const database = await emptyDatabase();
    const env = herdEnv(database, { HERD_ROLE: 'all' });
    const ports = await Promise.all(Array.from({ length: PROCESSES }, freePort));
    running.push(...ports.map((port) => boot(env, port)));

    const statuses = await until(
      'every process to serve /ready',
      () => Promise.all(running.map(readyStatus)),
      (all) => all.every((status) => status === 200 || (typeof status === 'string' && status.startsWith('exited'))),
      patience(90_000),
    );
    expect(statuses).toEqual(running.map(() => 200));
    expect(await appliedMigrations(database)).toEqual(MIGRATIONS.map((migration) => migration.name));
  });

  it('with HERD_MIGRATIONS=check refuses to boot, naming the pending migrations and the migrate step', async () => {
    const database = await emptyDatabase();
    const herd = boot(herdEnv(database, { HERD_ROLE: 'all', HERD_MIGRATIONS: 'check' }), await freePort());
    running.push(herd);
    expect(await herd.exited).toBe(1);
    expect(herd.stderr()).toContain(MIGRATIONS[0]!.name);
    expect(herd.stderr()).toMatch(/schema is behind .* Run the migrate step first: npm run migrate/);
    expect(await until('the migrations table to stay absent', () => appliedMigrations(database).catch((error: Error) => error.message), () => true)).toMatch(/herd_migrations" does not exist/);
  });

  it('migrate --check exits 1 listing what is pending, migrate applies it, then --check exits 0; a schema ahead only warns', async () => {
    const database = await emptyDatabase();
    const behind = await runMigrate(database, ['--check']);
    expect(behind.code).toBe(1);
    for (const migration of MIGRATIONS) expect(behind.stdout).toContain(`pending: ${migration.name}`);

    const applied = await runMigrate(database, []);
    expect(applied.code).toBe(0);
    expect(applied.stdout).toContain(MIGRATIONS[MIGRATIONS.length - 1]!.name);

    const current = await runMigrate(database, ['--check']);
    expect(current).toMatchObject({ code: 0, stderr: '' });
    expect(current.stdout).toContain('no migration pending');

    const client = new Client({ connectionString: database.url });
    await client.connect();
    await client.query(`INSERT INTO herd_migrations (timestamp, name) VALUES (4102444800000, 'FromANewerVersion4102444800000')`);
    await client.end();
    const ahead = await runMigrate(database, ['--check']);
    expect(ahead.code).toBe(0);
    expect(ahead.stderr).toMatch(/warning: .*FromANewerVersion4102444800000/);

    expect((await runMigrate(database, ['--bogus'])).code).toBe(2);
  });
});
