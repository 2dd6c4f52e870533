import 'reflect-metadata';
import { performance } from 'node:perf_hooks';
import { type HerdClient, ok, type Schemas, waitForOperation } from '../clients/typescript/src';
import { ensureDockerEngine, TEST_IMAGE, testDockerParameters } from '../test/support/docker-engine';
import { requestCluster, serverClockMs, withBenchApp } from './bench-app';

/**
 * bench:cluster: time from `POST /v1/clusters` to AVAILABLE of the same 10-node cluster
 * (hadoop-single-master, 1 master + 9 workers) on the real Docker engine and on the sim with zero
 * latency, through the HTTP API, in one run. Each cluster is deleted before the next one starts.
 */
const NODES = Number(process.env.BENCH_NODES ?? 10);
const RUNS = Number(process.env.BENCH_RUNS ?? 3);

interface Sample {
  /** Client clock: POST sent to the operation seen `succeeded` (polled every 20 ms). */
  clientMs: number;
  /** Server clock: the operation's createdAt to finishedAt. */
  serverMs: number;
  /** The create's events, as milliseconds after the operation was created. */
  timeline: string[];
}

async function main(): Promise<void> {
  await ensureDockerEngine();
  // It polls every 20 ms, above the default per-key limit: the bench measures provisioning, not the limiter's Retry-After pauses.
  await withBenchApp(async (herd) => {
    const docker = await ok(herd.POST('/v1/credentials', { body: { name: 'bench-docker', provider: 'docker', parameters: { ...testDockerParameters({ pullPolicy: 'never' }) } } }));
    const sim = await ok(herd.POST('/v1/credentials', { body: { name: 'bench-sim', provider: 'sim', parameters: { latencyMs: 0 } } }));
    const samples: Record<'docker' | 'sim', Sample[]> = { docker: [], sim: [] };
    for (let run = 0; run < RUNS; run++) {
      samples.docker.push(await timeToAvailable(herd, `docker-${run}`, docker.id, { image: TEST_IMAGE }));
      samples.sim.push(await timeToAvailable(herd, `sim-${run}`, sim.id, {}));
    }
    const dockerMedian = median(samples.docker);
    const simMedian = median(samples.sim);
    console.log(`\n${NODES}-node cluster (hadoop-single-master, 1 master + ${NODES - 1} workers), POST /v1/clusters to AVAILABLE, ${RUNS} runs each`);
    console.table([
      { provider: 'docker (real engine)', 'runs (ms, client)': samples.docker.map((s) => s.clientMs).join(', '), 'median client (ms)': dockerMedian.clientMs, 'median server (ms)': dockerMedian.serverMs },
      { provider: 'sim (zero latency)', 'runs (ms, client)': samples.sim.map((s) => s.clientMs).join(', '), 'median client (ms)': simMedian.clientMs, 'median server (ms)': simMedian.serverMs },
    ]);
    console.log(`ratio docker / sim (median, client clock): ${(dockerMedian.clientMs / simMedian.clientMs).toFixed(1)}`);
    console.log(`\nevents of the median docker run:\n${dockerMedian.timeline.join('\n')}`);
  }, { HERD_RATE_LIMIT_PER_MINUTE: '1000000' });
}

async function timeToAvailable(herd: HerdClient, name: string, credential: string, options: Record<string, unknown>): Promise<Sample> {
  const body: Schemas['CreateClusterDto'] = {
    name,
    blueprint: 'hadoop-single-master',
    credential,
    hostGroups: [
      { name: 'master', nodeCount: 1, instanceType: 'small', options },
      { name: 'worker', nodeCount: NODES - 1, instanceType: 'small', options },
    ],
  };
  const started = performance.now();
  const created = await requestCluster(herd, body);
  const clusterPath = { params: { path: { idOrName: created.cluster.id } } };
  const operation = await waitForOperation(herd, created.operationId, { pollIntervalMs: 20, timeoutMs: 10 * 60_000 });
  const clientMs = Math.round(performance.now() - started);
  if (operation.status !== 'succeeded') throw new Error(`${name}: create ${operation.status}: ${operation.error}`);
  const cluster = await ok(herd.GET('/v1/clusters/{idOrName}', clusterPath));
  if (cluster.status !== 'AVAILABLE') throw new Error(`${name}: ${cluster.status} after a succeeded create`);
  const createdAt = new Date(operation.createdAt).getTime();
  const events = await ok(herd.GET('/v1/clusters/{idOrName}/events', { params: { path: { idOrName: created.cluster.id }, query: { limit: 500 } } }));
  const timeline = events.items.map((event) => `${String(new Date(event.createdAt).getTime() - createdAt).padStart(6)} ms  ${event.message}`);
  const deleted = await ok(herd.DELETE('/v1/clusters/{idOrName}', clusterPath));
  const deletion = await waitForOperation(herd, deleted.operationId, { pollIntervalMs: 100, timeoutMs: 10 * 60_000 });
  if (deletion.status !== 'succeeded') throw new Error(`${name}: delete ${deletion.status}: ${deletion.error}`);
  return { clientMs, serverMs: serverClockMs(operation), timeline };
}

/** The run with the median client time. */
function median(samples: Sample[]): Sample {
  return [...samples].sort((a, b) => a.clientMs - b.clientMs)[Math.floor(samples.length / 2)]!;
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
