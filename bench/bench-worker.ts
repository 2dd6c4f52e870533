import { ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { createServer } from 'node:net';
import { join } from 'node:path';
import type { HerdConfig } from '../src/config/config';

// Compiled to .bench-build, so the built worker lies two folders further up than this file's source.
const ROOT = join(__dirname, '..', '..');
const READY_TIMEOUT_MS = 60_000;

export interface BenchWorker {
  /** Resolves with the base URL of the worker's own /health, /ready and /metrics once it is ready. */
  ready: Promise<string>;
  /** SIGKILLs the process if it was started. */
  kill(): void;
}

/**
 * A built worker-role process (`node dist/src/worker.js`) on the database and Redis prefix of the
 * bench's herd, logging warnings and errors only (so logging does not weigh on what is measured).
 */
export function startBenchWorker(config: HerdConfig, env: Record<string, string>): BenchWorker {
  let child: ChildProcess | undefined;
  const ready = loopbackPort().then(async (port) => {
    child = spawn(process.execPath, [join(ROOT, 'dist', 'src', 'worker.js')], {
      cwd: ROOT,
      env: { ...process.env, DATABASE_URL: config.databaseUrl, HERD_REDIS_PREFIX: config.redisPrefix, HERD_ROLE: 'worker', HERD_WORKER_HTTP_HOST: '127.0.0.1', HERD_WORKER_HTTP_PORT: String(port), LOG_LEVEL: 'warn', ...env },
      stdio: ['ignore', 'inherit', 'inherit'],
    });
    const url = `http://127.0.0.1:${port}`;
    await untilReady(child, url);
    return url;
  });
  return { ready, kill: () => child?.kill('SIGKILL') };
}

async function untilReady(child: ChildProcess, url: string): Promise<void> {
  const deadline = Date.now() + READY_TIMEOUT_MS;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`a worker exited with ${child.exitCode} before it was ready`);
    const status = await fetch(`${url}/ready`).then((response) => response.status, () => 0);
    if (status === 200) return;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  child.kill('SIGKILL');
  throw new Error(`a worker was not ready on ${url} within ${READY_TIMEOUT_MS / 1000} s`);
}

async function loopbackPort(): Promise<number> {
  const server = createServer().listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}
