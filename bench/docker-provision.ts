// Time for the docker adapter to bring a 10-node Hadoop-shaped cluster to RUNNING on the real engine
// (scripts/docker-engine.sh), then to tear it down. Run: npm run bench:docker
// RUNNING means every component container is up and answered herd's own HTTP probe of its health
// endpoint (src/providers/docker/docker.health.ts), which each describe makes: the engine runs no
// health check, so "all RUNNING" lags the daemons by at most one 100 ms describe poll.
import { performance } from 'node:perf_hooks';
import { dockerProvider } from '../src/providers/docker';
import type { ClusterSpec, ObservedNode } from '../src/providers/spi';
import { ensureDockerEngine, testDockerParameters } from '../test/support/docker-engine';
import { desiredNodes, hadoopCluster } from '../test/support/docker-hadoop-stack';

const NODES = Number(process.env.BENCH_NODES ?? 10);
const RUNS = Number(process.env.BENCH_RUNS ?? 3);

interface Sample {
  applySeconds: number;
  runningSeconds: number;
  describeMs: number;
  teardownSeconds: number;
  containers: number;
}

const seconds = (from: number) => (performance.now() - from) / 1000;

async function oneRun(): Promise<Sample> {
  const connection = dockerProvider.connect({ ...testDockerParameters() });
  const cluster: ClusterSpec = hadoopCluster(NODES - 1);
  let resources = 0;
  const start = performance.now();
  await connection.apply(cluster, { launch: desiredNodes(cluster), terminate: [] }, { resourceCreated: async () => void (resources += 1) });
  const applySeconds = seconds(start);
  let nodes: ObservedNode[] = [];
  const deadline = Date.now() + 120_000;
  while (!(nodes.length === NODES && nodes.every((node) => node.status === 'RUNNING'))) {
    if (Date.now() > deadline) throw new Error(`not RUNNING after 120 s: ${nodes.map((node) => node.status).join(',')}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
    nodes = await connection.describe(cluster);
  }
  const runningSeconds = seconds(start);
  const describeStart = performance.now();
  await connection.describe(cluster);
  const describeMs = performance.now() - describeStart;
  const teardownStart = performance.now();
  await connection.teardown(cluster);
  return { applySeconds, runningSeconds, describeMs, teardownSeconds: seconds(teardownStart), containers: resources - 1 };
}

async function main(): Promise<void> {
  await ensureDockerEngine();
  const verdict = await dockerProvider.connect({ ...testDockerParameters() }).verify();
  console.log(`${verdict.message}; ${NODES} nodes (1 master: NameNode + ResourceManager, ${NODES - 1} workers: DataNode + NodeManager), ${RUNS} runs\n`);
  const samples: Sample[] = [];
  for (let run = 1; run <= RUNS; run += 1) samples.push(await oneRun());
  const rows = samples.map((sample, i) => [`${i + 1}`, sample.containers, sample.applySeconds.toFixed(2), sample.runningSeconds.toFixed(2), sample.describeMs.toFixed(0), sample.teardownSeconds.toFixed(2)]);
  const median = (pick: (sample: Sample) => number) => [...samples.map(pick)].sort((a, b) => a - b)[Math.floor(samples.length / 2)];
  rows.push(['median', samples[0].containers, median((s) => s.applySeconds).toFixed(2), median((s) => s.runningSeconds).toFixed(2), median((s) => s.describeMs).toFixed(0), median((s) => s.teardownSeconds).toFixed(2)]);
  const header = ['run', 'containers', 'apply returned (s)', 'all RUNNING (s)', 'describe (ms)', 'teardown (s)'];
  const widths = header.map((title, column) => Math.max(title.length, ...rows.map((row) => String(row[column]).length)));
  const line = (cells: Array<string | number>) => `| ${cells.map((cell, column) => String(cell).padStart(widths[column])).join(' | ')} |`;
  console.log(line(header));
  console.log(`|${widths.map((width) => '-'.repeat(width + 2)).join('|')}|`);
  for (const row of rows) console.log(line(row));
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
