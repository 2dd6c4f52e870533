import { ChildProcess, execFileSync } from 'node:child_process';
import { once } from 'node:events';
import { join } from 'node:path';
import request from 'supertest';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { HERD_CONFIG, HerdConfig } from '../../src/config/config';
import { nodeName } from '../../src/providers/spi';
import { clusterBody, requestCluster, settle, simCredential, simNodeNames } from '../support/clusters';
import { freePort } from '../support/free-port';
import { patience } from '../support/patience';
import { startTestApp, TestApp, TestTenant } from '../support/test-app';
import { until } from '../support/until';
import { spawnWorkerProcess } from '../support/worker-process';

const ROOT = join(__dirname, '..', '..');
/** Long enough that a job taken over through BullMQ's stalled-job check would come back far too late for this test. */
const JOB_LOCK_MS = 120_000;
const WORKERS = 4;

interface WorkerProcess {
  child: ChildProcess;
  url: string;
  exited: Promise<{ code: number | null; at: number }>;
  output: () => string;
}

/**
 * Real worker processes (`node dist/src/worker.js`) stopped with SIGTERM during a provision: with
 * a long grace the running operation finishes before the process exits; with a short one it is
 * handed back to the queue and another worker resumes it at once, long before its lock expires.
 */
describe('chaos: workers stopped with SIGTERM mid-provision', () => {
  let app: TestApp;
  let tenant: TestTenant;
  let config: HerdConfig;
  const started: WorkerProcess[] = [];

  async function startWorker(env: Record<string, string>): Promise<WorkerProcess> {
    const port = await freePort();
    const child = spawnWorkerProcess(config, { HERD_WORKER_HTTP_PORT: String(port), HERD_JOB_LOCK_MS: String(JOB_LOCK_MS), HERD_APPLY_BATCH_SIZE: '1', LOG_LEVEL: 'info', ...env }, ['ignore', 'pipe', 'pipe']);
    let output = '';
    child.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
    // 'close', not 'exit': the output is read to its end.
    const exited = once(child, 'close').then(([code]) => ({ code: code as number | null, at: Date.now() }));
    const worker = { child, url: `http://127.0.0.1:${port}`, exited, output: () => output };
    started.push(worker);
    await until(`the worker on port ${port} to be ready`, () => fetch(`${worker.url}/ready`).then((res) => res.status, () => 0), (status) => status === 200, patience(60_000));
    return worker;
  }

  async function runningOperation(operationId: string): Promise<void> {
    await until(
      `operation ${operationId} to run`,
      async () => (await app.db.query(`SELECT status, percent FROM operations WHERE id = $1`, [operationId]))[0] as { status: string; percent: number },
      (row) => row.status === 'running',
      patience(30_000),
    );
  }

  async function eventsOf(clusterId: string): Promise<string[]> {
    return (await app.db.query(`SELECT message FROM cluster_events WHERE cluster_id = $1 ORDER BY id`, [clusterId])).map((row: { message: string }) => row.message);
  }

  /** What the worker said it did with its running jobs (health probes of earlier tests' clusters may be among them). */
  function shutdownLine(worker: WorkerProcess): string {
    return /shutdown: \d+ job\(s\) were running;[^"]*/.exec(worker.output())?.[0] ?? `no shutdown line in: ${worker.output().slice(-2000)}`;
  }

  function expectedNodes(clusterId: string): string[] {
    return [nodeName({ tag: clusterId }, 'master', 0), ...Array.from({ length: WORKERS }, (_, i) => nodeName({ tag: clusterId }, 'worker', i))].sort();
  }

  beforeAll(async () => {
    execFileSync(process.execPath, [join(ROOT, 'scripts', 'ensure-built.js')], { cwd: ROOT, stdio: 'inherit' });
    app = await startTestApp({ role: 'api' });
    config = app.herd.context.get(HERD_CONFIG);
    tenant = await app.newTenant();
  }, 180_000);

  afterEach(() => {
    for (const worker of started) worker.child.kill('SIGKILL');
    started.length = 0;
  });

  afterAll(async () => {
    await app?.close();
  });

  it('serves liveness, readiness with its queue consumers, and its own metrics on its ops port, without a key', async () => {
    const worker = await startWorker({});
    await request(worker.url).get('/health').expect(200, { status: 'ok' });
    await request(worker.url).get('/ready').expect(200, { status: 'ok', postgres: 'up', redis: 'up', consumers: 'up' });
    const metrics = await request(worker.url).get('/metrics').expect(200);
    expect(metrics.headers['content-type']).toMatch(/^text\/plain/);
    expect(metrics.text).toMatch(/^process_cpu_seconds_total /m);
    expect(metrics.text).toContain('# TYPE herd_job_run_seconds histogram');
    await request(worker.url).get('/v1/clusters').expect(404);
  });

  it('finishes the running provision within a long grace, then exits 0', async () => {
    const worker = await startWorker({ HERD_SHUTDOWN_GRACE_MS: '60000' });
    const credential = await simCredential(app, tenant, { latencyMs: 500 });
    const cluster = await requestCluster(app, tenant, clusterBody(credential, WORKERS));
    await runningOperation(cluster.operationId);

    worker.child.kill('SIGTERM');
    const { code, at } = await worker.exited;
    expect(code, worker.output()).toBe(0);
    const [operation] = await app.db.query(`SELECT status, finished_at FROM operations WHERE id = $1`, [cluster.operationId]);
    expect(operation.status).toBe('succeeded');
    expect(new Date(operation.finished_at).getTime()).toBeLessThanOrEqual(at);
    expect(shutdownLine(worker)).toMatch(/ 0 handed back to the queue, 0 left/);
    expect(await simNodeNames(app, cluster.id)).toEqual(expectedNodes(cluster.id));
  }, patience(120_000));

  it('hands the running provision back after a short grace, and another worker resumes it at once', async () => {
    const first = await startWorker({ HERD_SHUTDOWN_GRACE_MS: '200' });
    const credential = await simCredential(app, tenant, { latencyMs: 600 });
    const cluster = await requestCluster(app, tenant, clusterBody(credential, WORKERS));
    await runningOperation(cluster.operationId);

    const signalled = Date.now();
    first.child.kill('SIGTERM');
    const { code } = await first.exited;
    expect(code, first.output()).toBe(0);
    expect(shutdownLine(first)).toMatch(/ 1 handed back to the queue, 0 left/);
    const [paused] = await app.db.query(`SELECT status FROM operations WHERE id = $1`, [cluster.operationId]);
    expect(paused.status).toBe('running');

    await startWorker({});
    const operation = await settle(app, tenant, cluster.operationId, patience(60_000));
    expect(operation.status).toBe('succeeded');
    // Through the stalled-job check it could not have come back before the lock expired.
    expect(Date.now() - signalled).toBeLessThan(JOB_LOCK_MS);
    const events = await eventsOf(cluster.id);
    expect(events).toContain('Operation create paused: its worker is shutting down; another worker resumes it');
    expect(events).toContain('Operation create resumed by a worker');
    expect(await simNodeNames(app, cluster.id)).toEqual(expectedNodes(cluster.id));
    const [job] = await app.db.query(`SELECT count(*)::int AS failed FROM cluster_events WHERE cluster_id = $1 AND type = 'error'`, [cluster.id]);
    expect(job.failed).toBe(0);
  }, patience(180_000));
});
