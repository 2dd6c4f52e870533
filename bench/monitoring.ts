import 'reflect-metadata';
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { Client } from 'pg';
import { type HerdClient, ok, waitForOperation } from '../clients/typescript/src';
import type { HerdConfig } from '../src/config/config';
import { createRedis } from '../src/queue/redis.module';
import { parsePrometheus, PrometheusSample, samplesOf, sumOf } from '../test/support/prometheus-samples';
import { requestCluster, singleMasterCluster, withBenchApp } from './bench-app';
import { startBenchWorker } from './bench-worker';

/**
 * bench:monitoring: one API process (this one) and one worker process watching a fleet of sim
 * clusters, each probed every INTERVAL_MS. The same run measures the worker with no cluster, with a
 * tenth of the fleet (the baseline) and with all of it, each over WINDOW_S seconds: the worker's CPU
 * (from its own `process_cpu_seconds_total`), Redis's CPU, the probes run against those due, and
 * the probe lag two ways: the oldest `health_checked_at` of an AVAILABLE cluster minus one interval
 * (sampled every second from PostgreSQL), and `herd_job_wait_seconds{job="cluster.probe"}`.
 */
const ROOT = join(__dirname, '..', '..');
const CLUSTERS = Number(process.env.BENCH_CLUSTERS ?? 500);
const NODES_PER_CLUSTER = Number(process.env.BENCH_NODES_PER_CLUSTER ?? 20);
const INTERVAL_MS = Number(process.env.BENCH_INTERVAL_MS ?? 15_000);
const WINDOW_S = Number(process.env.BENCH_WINDOW_S ?? (4 * INTERVAL_MS) / 1000);
/** Creates in flight at once while the fleet is built; the build is not what this bench measures. */
const CREATES_IN_FLIGHT = 50;
const PROBE = { queue: 'monitoring', job: 'cluster.probe' };

interface Reading {
  at: number;
  workerCpuSeconds: number;
  redisCpuSeconds: number;
  samples: PrometheusSample[];
}

interface Window {
  clusters: number;
  cpuShare: number;
  redisCpuShare: number;
  probesRun: number;
  probesDue: number;
  maxLagS: number;
  waitMeanS: number;
  waitP99S: number;
}

async function main(): Promise<void> {
  execFileSync(process.execPath, [join(ROOT, 'scripts', 'ensure-built.js')], { cwd: ROOT, stdio: 'inherit' });
  await withBenchApp(
    async (herd, config) => {
      const worker = startBenchWorker(config, { HERD_MONITOR_INTERVAL_MS: String(INTERVAL_MS), LOG_LEVEL: 'warn' });
      try {
        const workerUrl = await worker.ready;
        const credential = await ok(herd.POST('/v1/credentials', { body: { name: 'bench-monitoring', provider: 'sim', parameters: { latencyMs: 0, latencyJitterMs: 0 } } }));
        const windows: Window[] = [await measure(config, workerUrl, 0)];
        const tenth = Math.max(1, Math.round(CLUSTERS / 10));
        await buildFleet(herd, credential.id, 0, tenth);
        windows.push(await measure(config, workerUrl, tenth));
        await buildFleet(herd, credential.id, tenth, CLUSTERS);
        windows.push(await measure(config, workerUrl, CLUSTERS));
        print(windows, tenth);
      } finally {
        worker.kill();
      }
    },
    { HERD_ROLE: 'api', HERD_MONITOR_INTERVAL_MS: String(INTERVAL_MS), HERD_RATE_LIMIT_PER_MINUTE: '1000000', HERD_RATE_LIMIT_BURST: '100000' },
  );
}

/** Creates clusters `from` to `to` (exclusive), CREATES_IN_FLIGHT at a time, and waits for each to be AVAILABLE. */
async function buildFleet(herd: HerdClient, credential: string, from: number, to: number): Promise<void> {
  const started = performance.now();
  let next = from;
  const createOne = async (): Promise<void> => {
    for (let i = next++; i < to; i = next++) {
      const { operationId } = await requestCluster(herd, singleMasterCluster(`mon-${i}`, credential, NODES_PER_CLUSTER));
      const operation = await waitForOperation(herd, operationId, { pollIntervalMs: 500, timeoutMs: 30 * 60_000 });
      if (operation.status !== 'succeeded') throw new Error(`cluster mon-${i}: create ${operation.status}: ${operation.error}`);
    }
  };
  await Promise.all(Array.from({ length: CREATES_IN_FLIGHT }, createOne));
  console.error(`built clusters ${from}..${to - 1} (${(to - from) * NODES_PER_CLUSTER} nodes) in ${((performance.now() - started) / 1000).toFixed(0)} s`);
}

/** One interval to let the probes of new clusters settle, then WINDOW_S seconds of readings. */
async function measure(config: HerdConfig, workerUrl: string, clusters: number): Promise<Window> {
  await pause(INTERVAL_MS);
  const database = new Client({ connectionString: config.databaseUrl });
  await database.connect();
  try {
    const first = await read(config, workerUrl);
    let maxStalenessS = 0;
    while (performance.now() - first.at < WINDOW_S * 1000) {
      await pause(1000);
      const [row] = (await database.query(`SELECT extract(epoch FROM max(now() - health_checked_at))::float AS staleness FROM clusters WHERE status = 'AVAILABLE'`)).rows;
      maxStalenessS = Math.max(maxStalenessS, row?.staleness ?? 0);
    }
    const last = await read(config, workerUrl);
    const seconds = (last.at - first.at) / 1000;
    const waits = delta(first.samples, last.samples, 'herd_job_wait_seconds');
    return {
      clusters,
      cpuShare: (last.workerCpuSeconds - first.workerCpuSeconds) / seconds,
      redisCpuShare: (last.redisCpuSeconds - first.redisCpuSeconds) / seconds,
      probesRun: delta(first.samples, last.samples, 'herd_job_run_seconds').count,
      probesDue: (clusters * seconds * 1000) / INTERVAL_MS,
      maxLagS: clusters === 0 ? 0 : Math.max(0, maxStalenessS - INTERVAL_MS / 1000),
      waitMeanS: waits.count === 0 ? 0 : waits.sum / waits.count,
      waitP99S: quantile(waits.buckets, 0.99),
    };
  } finally {
    await database.end();
  }
}

async function read(config: HerdConfig, workerUrl: string): Promise<Reading> {
  const response = await fetch(`${workerUrl}/metrics`);
  if (!response.ok) throw new Error(`the worker's /metrics answered ${response.status}`);
  const samples = parsePrometheus(await response.text());
  const redis = createRedis(config);
  try {
    const info = await redis.info('cpu');
    const cpu = (name: string) => Number(new RegExp(`${name}:([0-9.]+)`).exec(info)?.[1] ?? NaN);
    return { at: performance.now(), workerCpuSeconds: sumOf(samples, 'process_cpu_seconds_total'), redisCpuSeconds: cpu('used_cpu_sys') + cpu('used_cpu_user'), samples };
  } finally {
    redis.disconnect();
  }
}

/** A probe histogram's change between two scrapes: count, sum and cumulative buckets by upper bound. */
function delta(before: PrometheusSample[], after: PrometheusSample[], histogram: string): { count: number; sum: number; buckets: [number, number][] } {
  const change = (name: string, labels: Record<string, string> = {}) => sumOf(after, name, { ...PROBE, ...labels }) - sumOf(before, name, { ...PROBE, ...labels });
  const bounds = [...new Set(samplesOf(after, `${histogram}_bucket`, PROBE).map((sample) => sample.labels.le!))];
  return {
    count: change(`${histogram}_count`),
    sum: change(`${histogram}_sum`),
    buckets: bounds.map((le) => [le === '+Inf' ? Infinity : Number(le), change(`${histogram}_bucket`, { le })] as [number, number]).sort((a, b) => a[0] - b[0]),
  };
}

/** The q-quantile of cumulative buckets, interpolated linearly inside its bucket as Prometheus's histogram_quantile does. */
function quantile(buckets: [number, number][], q: number): number {
  const total = buckets.at(-1)?.[1] ?? 0;
  if (total === 0) return 0;
  const rank = q * total;
  let lower = 0;
  let below = 0;
  for (const [bound, count] of buckets) {
    if (count >= rank) return bound === Infinity ? lower : lower + ((bound - lower) * (rank - below)) / Math.max(1, count - below);
    lower = bound;
    below = count;
  }
  return lower;
}

function print(windows: Window[], baselineClusters: number): void {
  const baseline = windows.find((window) => window.clusters === baselineClusters)!;
  console.log(`\nsim clusters of ${NODES_PER_CLUSTER} nodes probed every ${INTERVAL_MS / 1000} s by one worker process; ${WINDOW_S} s per row; baseline: ${baselineClusters} clusters`);
  console.table(
    windows.map((window) => ({
      clusters: window.clusters,
      nodes: window.clusters * NODES_PER_CLUSTER,
      'worker CPU, % of one core': (window.cpuShare * 100).toFixed(1),
      'CPU ratio to baseline': (window.cpuShare / baseline.cpuShare).toFixed(2),
      'Redis CPU, %': (window.redisCpuShare * 100).toFixed(1),
      'probes run / due': `${window.probesRun} / ${Math.round(window.probesDue)}`,
      'max lag past the interval, s': window.maxLagS.toFixed(1),
      'probe wait mean, ms': Math.round(window.waitMeanS * 1000),
      'probe wait p99, ms': Math.round(window.waitP99S * 1000),
    })),
  );
}

function pause(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
