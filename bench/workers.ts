import 'reflect-metadata';
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { type HerdClient, ok, waitForOperation } from '../clients/typescript/src';
import type { HerdConfig } from '../src/config/config';
import { SimStore } from '../src/providers/sim/sim.store';
import { nodeName } from '../src/providers/spi';
import { createRedis } from '../src/queue/redis.module';
import { requestCluster, singleMasterCluster, withBenchApp } from './bench-app';
import { startBenchWorker } from './bench-worker';

/**
 * bench:workers: one API process (this one) and separate worker processes (`node dist/src/worker.js`)
 * on one database and one Redis. In the same run: CLUSTERS concurrent sim provisions served by one
 * worker (the baseline), then by WORKERS workers, then by WORKERS workers with one of them
 * SIGKILLed once half of the provisions have succeeded. Prints node operations per second, the ratio to the baseline, the
 * operations taken over from the killed worker, and duplicate or missing nodes in the sim.
 */
const ROOT = join(__dirname, '..', '..');
const CLUSTERS = Number(process.env.BENCH_CLUSTERS ?? 50);
const WORKER_NODES = Number(process.env.BENCH_WORKER_NODES ?? 4);
const WORKERS = Number(process.env.BENCH_WORKERS ?? 3);
/** Operations one worker runs at once: low enough that one worker is the bottleneck the others relieve. */
const CONCURRENCY = process.env.BENCH_WORKER_CONCURRENCY ?? '10';
const LATENCY_MS = Number(process.env.BENCH_LATENCY_MS ?? 100);
const JOB_LOCK_MS = '5000';

interface Phase {
  workers: number;
  seconds: number;
  nodeOps: number;
  killed: number;
  takenOver: number;
  wrongNodes: number;
}

async function main(): Promise<void> {
  execFileSync(process.execPath, [join(ROOT, 'scripts', 'ensure-built.js')], { cwd: ROOT, stdio: 'inherit' });
  await withBenchApp(
    async (herd, config) => {
      const credential = await ok(herd.POST('/v1/credentials', { body: { name: 'bench-workers', provider: 'sim', parameters: { latencyMs: LATENCY_MS, latencyJitterMs: 0 } } }));
      const baseline = await phase(herd, config, credential.id, 1, false);
      const scaled = await phase(herd, config, credential.id, WORKERS, false);
      const killed = await phase(herd, config, credential.id, WORKERS, true);
      console.log(`\n${CLUSTERS} concurrent sim provisions of 1 + ${WORKER_NODES} nodes, ${LATENCY_MS} ms per provider call, HERD_WORKER_CONCURRENCY=${CONCURRENCY}, one API process`);
      console.table([baseline, scaled, killed].map((run) => ({
        'worker processes': run.workers,
        'SIGKILLed': run.killed,
        'seconds to all AVAILABLE': run.seconds.toFixed(1),
        'node ops/s': Math.round(run.nodeOps / run.seconds),
        'ratio to 1 worker': (baseline.seconds / run.seconds).toFixed(2),
        'taken over': run.takenOver,
        'duplicate or missing nodes': run.wrongNodes,
      })));
    },
    { HERD_ROLE: 'api', HERD_RATE_LIMIT_PER_MINUTE: '1000000', HERD_RATE_LIMIT_BURST: '100000' },
  );
}

async function phase(herd: HerdClient, config: HerdConfig, credential: string, workers: number, killHalfway: boolean): Promise<Phase> {
  const processes = Array.from({ length: workers }, () => startBenchWorker(config, { HERD_WORKER_CONCURRENCY: CONCURRENCY, HERD_JOB_LOCK_MS: JOB_LOCK_MS }));
  try {
    await Promise.all(processes.map((worker) => worker.ready));
    const started = performance.now();
    const clusters = await Promise.all(Array.from({ length: CLUSTERS }, (_, i) => requestCluster(herd, singleMasterCluster(`w${workers}-${i}`, credential, 1 + WORKER_NODES))));
    let succeeded = 0;
    let killed = 0;
    const operations = await Promise.all(
      clusters.map(async (cluster) => {
        const operation = await waitForOperation(herd, cluster.operationId, { pollIntervalMs: 250, timeoutMs: 10 * 60_000 });
        if (operation.status !== 'succeeded') throw new Error(`cluster ${cluster.cluster.name}: create ${operation.status}: ${operation.error}`);
        succeeded++;
        if (killHalfway && killed === 0 && succeeded >= CLUSTERS / 2) {
          processes[0]!.kill();
          killed++;
        }
        return operation;
      }),
    );
    const seconds = (performance.now() - started) / 1000;
    const wrongNodes = await countWrongNodes(config, clusters.map((cluster) => cluster.cluster.id));
    const takenOver = await countTakeovers(herd, clusters.map((cluster) => cluster.cluster.id));
    await Promise.all(clusters.map(async (cluster) => waitForOperation(herd, (await ok(herd.DELETE('/v1/clusters/{idOrName}', { params: { path: { idOrName: cluster.cluster.id } } }))).operationId, { pollIntervalMs: 250 })));
    return { workers, seconds, nodeOps: operations.length * (1 + WORKER_NODES), killed, takenOver, wrongNodes };
  } finally {
    for (const worker of processes) worker.kill();
  }
}

/** Nodes the sim holds beside the expected names, plus expected names it lacks. */
async function countWrongNodes(config: HerdConfig, clusterIds: string[]): Promise<number> {
  const redis = createRedis(config);
  try {
    const store = new SimStore(redis, config.redisPrefix);
    let wrong = 0;
    for (const id of clusterIds) {
      const expected = new Set([nodeName({ tag: id }, 'master', 0), ...Array.from({ length: WORKER_NODES }, (_, i) => nodeName({ tag: id }, 'worker', i))]);
      const held = (await store.nodes(id)).map((node) => node.record.name);
      wrong += held.filter((name) => !expected.has(name)).length + (held.length - new Set(held).size) + [...expected].filter((name) => !held.includes(name)).length;
    }
    return wrong;
  } finally {
    redis.disconnect();
  }
}

async function countTakeovers(herd: HerdClient, clusterIds: string[]): Promise<number> {
  let count = 0;
  for (const id of clusterIds) {
    const events = await ok(herd.GET('/v1/clusters/{idOrName}/events', { params: { path: { idOrName: id }, query: { limit: 500 } } }));
    if (events.items.some((event) => event.message.endsWith('resumed by a worker'))) count++;
  }
  return count;
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
