import { ChildProcess, spawn, StdioOptions } from 'node:child_process';
import { join } from 'node:path';

const ROOT = join(__dirname, '..', '..');

/** A built worker-role process (`node dist/src/worker.js`) on the database and Redis prefix of a running herd. */
export function spawnWorkerProcess(herd: { databaseUrl: string; redisPrefix: string }, env: Record<string, string>, stdio: StdioOptions): ChildProcess {
  return spawn(process.execPath, [join(ROOT, 'dist', 'src', 'worker.js')], {
    cwd: ROOT,
    env: { ...process.env, DATABASE_URL: herd.databaseUrl, HERD_REDIS_PREFIX: herd.redisPrefix, HERD_ROLE: 'worker', HERD_POLL_MAX_MS: '200', ...env },
    stdio,
  });
}
