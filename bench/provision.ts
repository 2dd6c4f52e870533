import 'reflect-metadata';
import { Queue, Worker } from 'bullmq';
import { type HerdClient, ok, waitForOperation } from '../clients/typescript/src';
import { loadConfig } from '../src/config/config';
import { createRedis } from '../src/queue/redis.module';
import { requestCluster, serverClockMs, singleMasterCluster, withBenchApp } from './bench-app';

/**
 * bench:provision, two measurements in one run on a fresh database:
 * (a) overhead ratio: time to AVAILABLE of a 100-node sim cluster with a fixed latency per call,
 *     divided by the ideal critical path of the same calls;
 * (b) control-plane throughput: node operations per second with zero latency, beside raw BullMQ
 *     no-op jobs per second on the same Redis.
 */
const LATENCY_MS = Number(process.env.BENCH_LATENCY_MS ?? 500);
const OVERHEAD_NODES = 100;
const OVERHEAD_RUNS = Number(process.env.BENCH_RUNS ?? 3);
const THROUGHPUT_CLUSTERS = Number(process.env.BENCH_CLUSTERS ?? 4);
const THROUGHPUT_NODES = Number(process.env.BENCH_NODES_PER_CLUSTER ?? 500);
const NOOP_JOBS = Number(process.env.BENCH_NOOP_JOBS ?? 5000);

/**
 * The sim's critical path for a create: prerequisites, one observation, the launches (in parallel
 * batches, so one call deep), then the nodes boot in two calls' time, which the last observation
 * overlaps: 3 calls + 2 calls of boot.
 */
const IDEAL_CALLS = 5;

async function main(): Promise<void> {
  await withBenchApp(async (herd, config) => {
    const overhead = await measureOverhead(herd);
    const throughput = await measureThroughput(herd);
    const noop = await measureNoopJobs(config);

    const median = overhead.map((run) => run.ratio).sort((a, b) => a - b)[Math.floor(overhead.length / 2)]!;
    console.log('\n(a) overhead: 100-node cluster on sim, fixed latency per call');
    console.table(overhead.map((run, i) => ({ run: i + 1, 'latency/call (ms)': LATENCY_MS, 'ideal (ms)': run.idealMs, 'to AVAILABLE (ms)': run.elapsedMs, ratio: run.ratio.toFixed(3) })));
    console.log(`median overhead ratio: ${median.toFixed(3)} (target <= 1.10)`);
    console.log('\n(b) control-plane throughput, zero latency');
    console.table([
      { what: `create ${THROUGHPUT_CLUSTERS} x ${THROUGHPUT_NODES} nodes`, 'node ops': throughput.launched, 'seconds': (throughput.createMs / 1000).toFixed(2), 'ops/s': Math.round(throughput.launched / (throughput.createMs / 1000)) },
      { what: `delete them`, 'node ops': throughput.launched, 'seconds': (throughput.deleteMs / 1000).toFixed(2), 'ops/s': Math.round(throughput.launched / (throughput.deleteMs / 1000)) },
      { what: `raw BullMQ no-op jobs`, 'node ops': NOOP_JOBS, 'seconds': (noop.ms / 1000).toFixed(2), 'ops/s': Math.round(NOOP_JOBS / (noop.ms / 1000)) },
    ]);
    const nodeOps = (2 * throughput.launched) / ((throughput.createMs + throughput.deleteMs) / 1000);
    console.log(`node operations/s (create + delete): ${Math.round(nodeOps)} (target >= 1000); raw BullMQ no-op jobs/s: ${Math.round(NOOP_JOBS / (noop.ms / 1000))}`);
  });
}

async function measureOverhead(herd: HerdClient) {
  const credential = await ok(herd.POST('/v1/credentials', { body: { name: `bench-latency-${LATENCY_MS}`, provider: 'sim', parameters: { latencyMs: LATENCY_MS, latencyJitterMs: 0 } } }));
  const runs: { elapsedMs: number; idealMs: number; ratio: number }[] = [];
  for (let run = 0; run < OVERHEAD_RUNS; run++) {
    const created = await requestCluster(herd, singleMasterCluster(`overhead-${run}`, credential.id, OVERHEAD_NODES, 'large'));
    const operation = await waitForOperation(herd, created.operationId, { pollIntervalMs: 200, timeoutMs: 10 * 60_000 });
    if (operation.status !== 'succeeded') throw new Error(`overhead run ${run} ${operation.status}: ${operation.error}`);
    const elapsedMs = serverClockMs(operation);
    const idealMs = IDEAL_CALLS * LATENCY_MS;
    runs.push({ elapsedMs, idealMs, ratio: elapsedMs / idealMs });
    const deleted = await ok(herd.DELETE('/v1/clusters/{idOrName}', { params: { path: { idOrName: created.cluster.id } } }));
    await waitForOperation(herd, deleted.operationId, { pollIntervalMs: 100, timeoutMs: 10 * 60_000 });
  }
  return runs;
}

async function measureThroughput(herd: HerdClient) {
  const credential = await ok(herd.POST('/v1/credentials', { body: { name: 'bench-zero-latency', provider: 'sim', parameters: { latencyMs: 0 } } }));
  const started = Date.now();
  const created = await Promise.all(Array.from({ length: THROUGHPUT_CLUSTERS }, (_, i) => requestCluster(herd, singleMasterCluster(`throughput-${i}`, credential.id, THROUGHPUT_NODES, 'large'))));
  for (const cluster of created) {
    const operation = await waitForOperation(herd, cluster.operationId, { pollIntervalMs: 50, timeoutMs: 10 * 60_000 });
    if (operation.status !== 'succeeded') throw new Error(`throughput create ${operation.status}: ${operation.error}`);
  }
  const createMs = Date.now() - started;
  const deleteStarted = Date.now();
  const deletions = await Promise.all(created.map((cluster) => ok(herd.DELETE('/v1/clusters/{idOrName}', { params: { path: { idOrName: cluster.cluster.id } } }))));
  for (const deletion of deletions) await waitForOperation(herd, deletion.operationId, { pollIntervalMs: 50, timeoutMs: 10 * 60_000 });
  return { launched: THROUGHPUT_CLUSTERS * THROUGHPUT_NODES, createMs, deleteMs: Date.now() - deleteStarted };
}

async function measureNoopJobs(config: ReturnType<typeof loadConfig>) {
  const connection = createRedis(config);
  const queue = new Queue('bench-noop', { connection, prefix: config.redisPrefix });
  let done = 0;
  let finish: () => void = () => undefined;
  const finished = new Promise<void>((resolve) => (finish = resolve));
  const workerConnection = createRedis(config);
  const worker = new Worker('bench-noop', async () => undefined, { connection: workerConnection, prefix: config.redisPrefix, concurrency: config.operations.workerConcurrency });
  worker.on('completed', () => {
    if (++done === NOOP_JOBS) finish();
  });
  const started = Date.now();
  for (let i = 0; i < NOOP_JOBS; i += 500) {
    await queue.addBulk(Array.from({ length: Math.min(500, NOOP_JOBS - i) }, (_, j) => ({ name: 'noop', data: { i: i + j }, opts: { removeOnComplete: true } })));
  }
  await finished;
  const ms = Date.now() - started;
  await worker.close();
  await queue.obliterate({ force: true });
  await queue.close();
  await connection.quit();
  await workerConnection.quit();
  return { ms };
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
