import { ChildProcess, execFileSync } from 'node:child_process';
import { join } from 'node:path';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HERD_CONFIG, HerdConfig } from '../../src/config/config';
import { JobQueues } from '../../src/queue/job-queues';
import { nodeName } from '../../src/providers/spi';
import { startTestApp, TestApp, TestTenant } from '../support/test-app';
import { clusterBody, drain, requestCluster, settle, simCredential, simNodeNames } from '../support/clusters';
import { patience } from '../support/patience';
import { spawnWorkerProcess } from '../support/worker-process';

const ROOT = join(__dirname, '..', '..');
const WORKERS = 3;
const CLUSTERS = 4;
const WORKERS_PER_CLUSTER = 5;
/** Kills per phase (create, delete): enough to hit every step, few enough that the work still ends. */
const MAX_KILLS_PER_PHASE = 10;

/**
 * Real worker processes, killed with SIGKILL at random moments while clusters provision and are
 * deleted. Every job must be taken over (BullMQ stalled-job recovery) and converge, with neither
 * duplicate nor orphan nodes in the sim.
 */
describe('chaos: workers killed with SIGKILL mid-operation', () => {
  let app: TestApp;
  let tenant: TestTenant;
  let config: HerdConfig;
  const workers = new Set<ChildProcess>();
  const bornAt = new Map<ChildProcess, number>();
  let kills = 0;
  let spawned = 0;
  /** A worker younger than this may still be booting: killing it proves nothing and only slows the work down. Measured in beforeAll. */
  let minLifeMs = 0;

  function spawnWorker(): void {
    const child = spawnWorkerProcess(config, { HERD_WORKER_HTTP_PORT: '0', HERD_JOB_LOCK_MS: '2000', LOG_LEVEL: 'warn' }, ['ignore', 'ignore', 'inherit']);
    spawned++;
    workers.add(child);
    bornAt.set(child, Date.now());
    child.on('exit', () => workers.delete(child));
  }

  /** Kills one of the workers that have been up long enough to have booted (never a fresh replacement). */
  function killOne(): void {
    const victims = [...workers].filter((worker) => Date.now() - (bornAt.get(worker) ?? 0) >= minLifeMs);
    const victim = victims[Math.floor(Math.random() * victims.length)];
    if (!victim) return;
    victim.kill('SIGKILL');
    workers.delete(victim);
    kills++;
    spawnWorker();
  }

  /**
   * First kills every worker at once as soon as one of `operationIds` runs (so running jobs surely
   * lose their worker), then a random one every 0.4-1.2 s, until `done` settles.
   */
  async function underChaos<T>(done: Promise<T>, operationIds: string[]): Promise<T> {
    let finished = false;
    const result = done.finally(() => (finished = true));
    const before = kills;
    while (!finished && !(await anyRunning(operationIds))) await new Promise((resolve) => setTimeout(resolve, 20));
    for (let i = 0; i < WORKERS && !finished; i++) killOne();
    while (!finished) {
      await Promise.race([result.catch(() => undefined), new Promise((resolve) => setTimeout(resolve, 400 + Math.random() * 800))]);
      if (!finished && kills - before < MAX_KILLS_PER_PHASE) killOne();
    }
    return result;
  }

  async function anyRunning(operationIds: string[]): Promise<boolean> {
    const [row] = await app.db.query(`SELECT count(*)::int AS count FROM operations WHERE id = ANY($1) AND status = 'running'`, [operationIds]);
    return row.count > 0;
  }

  beforeAll(async () => {
    execFileSync(process.execPath, [join(ROOT, 'scripts', 'ensure-built.js')], { cwd: ROOT, stdio: 'inherit' });
    app = await startTestApp({ role: 'api' });
    config = app.herd.context.get(HERD_CONFIG);
    tenant = await app.newTenant();
    const booting = Date.now();
    for (let i = 0; i < WORKERS; i++) spawnWorker();
    const queue = app.herd.context.get(JobQueues).queue('operations');
    while ((await queue.getWorkers()).length < WORKERS) await new Promise((resolve) => setTimeout(resolve, 100));
    minLifeMs = Date.now() - booting;
  }, 180_000);

  afterAll(async () => {
    for (const worker of workers) worker.kill('SIGKILL');
    await app?.close();
  });

  it('provisions and deletes every cluster exactly, whatever worker dies', async () => {
    const started = Date.now();
    const credential = await simCredential(app, tenant, { latencyMs: 150, latencyJitterMs: 50 });
    const clusters = await Promise.all(Array.from({ length: CLUSTERS }, () => requestCluster(app, tenant, clusterBody(credential, WORKERS_PER_CLUSTER))));
    const created = await underChaos(Promise.all(clusters.map((cluster) => settle(app, tenant, cluster.operationId, patience(150_000)))), clusters.map((cluster) => cluster.operationId));
    const killsDuringCreate = kills;
    expect(created.map((operation) => operation.status)).toEqual(clusters.map(() => 'succeeded'));

    let nodesHeld = 0;
    for (const cluster of clusters) {
      const view = (await request(app.baseUrl).get(`/v1/clusters/${cluster.id}`).set('Authorization', tenant.auth).expect(200)).body;
      expect(view.status).toBe('AVAILABLE');
      const spec = { tag: cluster.id };
      const expected = [nodeName(spec, 'master', 0), ...Array.from({ length: WORKERS_PER_CLUSTER }, (_, i) => nodeName(spec, 'worker', i))].sort();
      const held = await simNodeNames(app, cluster.id);
      expect(held).toEqual(expected);
      nodesHeld += held.length;
    }

    const deletions = await Promise.all(clusters.map(async (cluster) => (await request(app.baseUrl).delete(`/v1/clusters/${cluster.id}`).set('Authorization', tenant.auth).expect(202)).body.operationId as string));
    const deleted = await underChaos(Promise.all(deletions.map((operationId) => settle(app, tenant, operationId, patience(150_000)))), deletions);
    expect(deleted.map((operation) => operation.status)).toEqual(clusters.map(() => 'succeeded'));
    let orphans = 0;
    for (const cluster of clusters) orphans += (await simNodeNames(app, cluster.id)).length;
    expect(orphans).toBe(0);
    await drain(app);
    const [{ count: takeovers }] = await app.db.query(`SELECT count(*)::int AS count FROM cluster_events WHERE cluster_id = ANY($1) AND message LIKE '%resumed by a worker'`, [clusters.map((cluster) => cluster.id)]);

    expect(takeovers).toBeGreaterThan(0);
    console.log(
      `chaos: ${CLUSTERS} clusters x ${1 + WORKERS_PER_CLUSTER} nodes, ${WORKERS} worker processes, ${kills} SIGKILLs (${killsDuringCreate} during create, ${kills - killsDuringCreate} during delete), ` +
        `${spawned} workers started, ${takeovers} operations taken over from a killed worker; all AVAILABLE with ${nodesHeld}/${CLUSTERS * (1 + WORKERS_PER_CLUSTER)} nodes (0 duplicates), ${orphans} orphans after delete, ${((Date.now() - started) / 1000).toFixed(1)} s`,
    );
  }, patience(400_000));
});
