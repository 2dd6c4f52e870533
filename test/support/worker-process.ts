import { ChildProcess, spawn, StdioOptions } from 'node:child_process';
import { join } from 'node:path';
import { testDatabaseUrl } from './test-app';

const ROOT = join(__dirname, '..', '..');

/** A built worker-role process (`node dist/src/worker.js`) on the test database and the given Redis prefix. */
export function spawnWorkerProcess(redisPrefix: string, env: Record<string, string>, stdio: StdioOptions): ChildProcess {
  return spawn(process.execPath, [join(ROOT, 'dist', 'src', 'worker.js')], {
    cwd: ROOT,
    env: { ...process.env, DATABASE_URL: testDatabaseUrl(), HERD_REDIS_PREFIX: redisPrefix, HERD_ROLE: 'worker', HERD_POLL_MAX_MS: '200', ...env },
    stdio,
  });
}
