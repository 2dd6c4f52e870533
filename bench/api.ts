import 'reflect-metadata';
import { spawn } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import type { Result } from 'autocannon';
import { type HerdClient, ok, type Schemas, waitForOperation } from '../clients/typescript/src';
import { requestCluster, withBenchApp } from './bench-app';

/**
 * bench:api: latency of the read path (`GET /v1/clusters/{id}`, `GET /v1/clusters`) and a write
 * path (`POST /v1/clusters/validate`) at a fixed offered rate, beside `GET /health` in the same
 * run as the floor, on a seeded tenant of sim clusters.
 *
 * The API runs in this process (HERD_ROLE=all, LOG_LEVEL=info as in production, rate limit
 * raised) and autocannon runs in a child process: the load generator then has an event loop of
 * its own and does not queue behind the API's, while the herd under test is the same one the
 * other benches start. On 2 cores the two still share the CPU, which the /health floor shows.
 */
const SECONDS = Number(process.env.HERD_BENCH_SECONDS ?? 30);
const CLUSTERS = Number(process.env.BENCH_CLUSTERS ?? 50);
const READ_RATE = 1000;
const WRITE_RATE = 100;
const GOAL_P99_MS = 10;

interface Row {
  route: string;
  targetRate: number;
  achieved: number;
  p50: number;
  p90: number;
  p99: number;
  max: number;
  non2xx: number;
  errors: number;
  timeouts: number;
  /** CPU time of this process (the herd under test) per request answered, in ms: independent of what else loads the machine. */
  cpuPerRequestMs: number;
}

async function main(): Promise<void> {
  await withBenchApp(
    async (herd, config, baseUrl) => {
      const apiKey = config.bootstrapAdminKey!;
      const ids = await seed(herd);
      const headers = { authorization: `Bearer ${apiKey}`, 'content-type': 'application/json' };
      const validateBody = JSON.stringify(clusterBody('bench-validate', ids.credential));
      const rows: Row[] = [];
      rows.push(await load('GET /health', baseUrl, { path: '/health', rate: READ_RATE, headers: {} }));
      rows.push(await load('GET /v1/clusters/{id}', baseUrl, { path: `/v1/clusters/${ids.clusters[0]}`, rate: READ_RATE, headers }));
      rows.push(await load('GET /v1/clusters', baseUrl, { path: '/v1/clusters', rate: READ_RATE, headers }));
      rows.push(await load('POST /v1/clusters/validate', baseUrl, { path: '/v1/clusters/validate', rate: WRITE_RATE, headers, method: 'POST', body: validateBody }));
      const floor = rows[0]!.p99;
      console.log(`\nbench:api, ${SECONDS} s per route, ${CLUSTERS} sim clusters seeded (2 host groups, 10 nodes each), LOG_LEVEL=info`);
      console.table(rows.map((row) => ({ ...row, 'p99 / health p99': (row.p99 / Math.max(floor, 1)).toFixed(1) })));
      const reads = rows.slice(1, 3);
      const met = reads.every((row) => row.p99 < GOAL_P99_MS && row.non2xx === 0 && row.errors === 0);
      console.log(`goal: p99 < ${GOAL_P99_MS} ms on the read routes at ${READ_RATE} req/s: ${met ? 'met' : 'NOT met'}`);
      mkdirSync('.tmp', { recursive: true });
      writeFileSync('.tmp/bench-api.json', JSON.stringify({ seconds: SECONDS, clusters: CLUSTERS, goalP99Ms: GOAL_P99_MS, goalMet: met, rows }, null, 2));
    },
    { HERD_RATE_LIMIT_PER_MINUTE: '1000000', HERD_RATE_LIMIT_BURST: '1000000', HERD_RATE_LIMIT_PER_IP_PER_MINUTE: '1000000', LOG_LEVEL: 'info' },
  );
}

async function seed(herd: HerdClient): Promise<{ credential: string; clusters: string[] }> {
  const sim = await ok(herd.POST('/v1/credentials', { body: { name: 'bench-sim', provider: 'sim', parameters: { latencyMs: 0 } } }));
  const clusters: string[] = [];
  for (let index = 0; index < CLUSTERS; index++) {
    const created = await requestCluster(herd, clusterBody(`bench-${index}`, sim.id));
    clusters.push(created.cluster.id);
    const operation = await waitForOperation(herd, created.operationId, { pollIntervalMs: 20, timeoutMs: 5 * 60_000 });
    if (operation.status !== 'succeeded') throw new Error(`bench-${index}: create ${operation.status}: ${operation.error}`);
  }
  return { credential: sim.id, clusters };
}

function clusterBody(name: string, credential: string): Schemas['CreateClusterDto'] {
  return {
    name,
    blueprint: 'hadoop-single-master',
    credential,
    hostGroups: [
      { name: 'master', nodeCount: 1, instanceType: 'small', options: {} },
      { name: 'worker', nodeCount: 9, instanceType: 'small', options: {} },
    ],
  };
}

interface Target {
  path: string;
  rate: number;
  headers: Record<string, string>;
  method?: 'GET' | 'POST';
  body?: string;
}

/**
 * Runs autocannon in a child process at a fixed overall rate and reduces its result to a row
 * (inside a worker thread autocannon answers with its encoded histograms, as it does for its own
 * workers, so a process of its own is simpler).
 */
async function load(route: string, baseUrl: string, target: Target): Promise<Row> {
  const options = { url: baseUrl + target.path, method: target.method ?? 'GET', headers: target.headers, body: target.body, connections: 50, overallRate: target.rate, duration: SECONDS, timeout: 10 };
  const script = `const autocannon = require(process.env.BENCH_AUTOCANNON);
    autocannon(JSON.parse(process.env.BENCH_OPTIONS)).then((r) => process.stdout.write(JSON.stringify({ latency: r.latency, requests: r.requests, non2xx: r.non2xx, errors: r.errors, timeouts: r.timeouts })));`;
  const cpuBefore = process.cpuUsage();
  const child = spawn(process.execPath, ['-e', script], { env: { ...process.env, BENCH_AUTOCANNON: require.resolve('autocannon'), BENCH_OPTIONS: JSON.stringify(options) }, stdio: ['ignore', 'pipe', 'inherit'] });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
  if (code !== 0) throw new Error(`autocannon on ${route} exited ${code}`);
  const cpu = process.cpuUsage(cpuBefore);
  const result = JSON.parse(output) as Pick<Result, 'latency' | 'requests' | 'non2xx' | 'errors' | 'timeouts'>;
  const latency = result.latency;
  return {
    route,
    targetRate: target.rate,
    achieved: Math.round(result.requests.average),
    p50: latency.p50,
    p90: latency.p90,
    p99: latency.p99,
    max: latency.max,
    non2xx: result.non2xx,
    errors: result.errors,
    timeouts: result.timeouts,
    cpuPerRequestMs: Number(((cpu.user + cpu.system) / 1000 / Math.max(1, result.requests.total)).toFixed(3)),
  };
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
