import 'reflect-metadata';
import { execFileSync } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { randomBytes } from 'node:crypto';
import { type HerdClient, ok, type Schemas, waitForOperation } from '../clients/typescript/src';
import { LABEL } from '../src/providers/docker/docker.labels';
import { ensureDockerEngine, rawDocker, TEST_DOCKER_HOST, testDockerParameters } from '../test/support/docker-engine';
import { realHadoopBlueprint } from '../test/support/real-hadoop-blueprint';
import { requestCluster, withBenchApp } from './bench-app';
import { BENCH_LABEL, type BaselineSample, type ClusterRecipe, docker, readClusterRecipe, removeLabelled, timeBaseline } from './hadoop-baseline';

/**
 * bench:hadoop: a real Apache Hadoop 3.5 cluster (1 master: NameNode, ResourceManager, JobHistory
 * server; 3 workers: DataNode, NodeManager; instance type medium) through herd's HTTP API, POST to
 * AVAILABLE, against the same containers started with the docker CLI in the same run. With herd's
 * cluster up it also times a MapReduce wordcount and samples the cluster's memory and idle CPU.
 */
const RUNS = Number(process.env.BENCH_RUNS ?? 1);
const WORKERS = 3;
const GOAL_RATIO = 1.15;
const POLL_MS = 250;
const OPERATION_TIMEOUT_MS = 10 * 60_000;
const IDLE_WINDOW_MS = 30_000;
/** Lets the wordcount's task containers exit and the history server file the job before the idle window. */
const SETTLE_MS = 10_000;
const EXAMPLES_JAR = '/opt/hadoop/lib/hadoop-mapreduce-examples-3.4.2.jar';
const WORDS = ['herd', 'hadoop', 'yarn', 'hdfs', 'datanode', 'namenode', 'mapreduce', 'wordcount'];
/** Word i appears (i + 1) * REPEAT times: about 4 MB of text. */
const REPEAT = 15_000;

const BLUEPRINT = realHadoopBlueprint('bench-real-hadoop');

interface HerdSample {
  /** Client clock: POST /v1/clusters sent to the operation seen `succeeded`. */
  seconds: number;
  wordcountSeconds: number;
  memoryMb: number;
  idleCpuPercent: number;
  loadBefore: number;
  loadAfter: number;
  timeline: string[];
}

interface Sample {
  herd: HerdSample;
  baseline: BaselineSample;
}

/** Labels of everything a run made on the engine, for cleanup on failure or on a signal. */
const made = new Set<string>();

function cleanUp(): void {
  for (const label of made) {
    try {
      removeLabelled(label);
      made.delete(label);
    } catch (error) {
      console.error(`cleanup of ${label} failed:`, error);
    }
  }
}

async function main(): Promise<void> {
  console.log(`reproduce: BENCH_RUNS=${RUNS} npm run bench:hadoop   (from the repository root; engine ${TEST_DOCKER_HOST})`);
  await ensureDockerEngine();
  execFileSync('bash', ['scripts/hadoop-image.sh'], { stdio: ['ignore', 'ignore', 'inherit'] });
  const engine = (await docker(['version', '--format', '{{.Server.Version}}'])).trim();
  console.log(`host: ${cpus().length} CPUs, load average ${loadavg().map((load) => load.toFixed(2)).join(' ')}; Docker ${engine}; ${RUNS} run(s)\n`);

  const samples: Sample[] = [];
  for (let run = 1; run <= RUNS; run++) {
    const root = await mkdtemp(join(tmpdir(), 'herd-bench-hadoop-'));
    try {
      const { sample, recipe } = await withBenchApp((herd) => herdRun(herd, run, root), { HERD_RATE_LIMIT_PER_MINUTE: '100000' });
      const tag = `${process.pid}-${run}-${randomBytes(2).toString('hex')}`;
      made.add(`${BENCH_LABEL}=${tag}`);
      const baseline = await timeBaseline(recipe, tag, OPERATION_TIMEOUT_MS);
      made.delete(`${BENCH_LABEL}=${tag}`);
      samples.push({ herd: sample, baseline });
      console.log(`run ${run}: herd ${sample.seconds.toFixed(1)} s, baseline ${baseline.seconds.toFixed(1)} s`);
    } finally {
      await rm(root, { recursive: true, force: true });
    }
  }
  report(samples);
}

async function herdRun(herd: HerdClient, run: number, root: string): Promise<{ sample: HerdSample; recipe: ClusterRecipe }> {
  const blueprint = await ok(herd.POST('/v1/blueprints', { body: BLUEPRINT }));
  const credential = await ok(herd.POST('/v1/credentials', { body: { name: 'bench-docker', provider: 'docker', parameters: { ...testDockerParameters({ pullPolicy: 'never' }) } } }));
  const body: Schemas['CreateClusterDto'] = {
    name: `bench-hadoop-${run}`,
    blueprint: blueprint.id,
    credential: credential.id,
    hostGroups: [
      { name: 'master', nodeCount: 1, instanceType: 'medium' },
      { name: 'worker', nodeCount: WORKERS, instanceType: 'medium' },
    ],
  };
  const started = performance.now();
  const created = await requestCluster(herd, body);
  const clusterId = created.cluster.id;
  const clusterPath = { params: { path: { idOrName: clusterId } } };
  made.add(`${LABEL.cluster}=${clusterId}`);
  // The client would wait out a 429's Retry-After, which would stretch the measured time: the rate limit is raised instead.
  const operation = await waitForOperation(herd, created.operationId, { pollIntervalMs: POLL_MS, timeoutMs: OPERATION_TIMEOUT_MS });
  const seconds = (performance.now() - started) / 1000;
  if (operation.status !== 'succeeded') throw new Error(`herd: create ${operation.status}: ${operation.error}`);
  const cluster = await ok(herd.GET('/v1/clusters/{idOrName}', clusterPath));
  if (cluster.status !== 'AVAILABLE') throw new Error(`herd: cluster ${cluster.status} after a succeeded create`);
  const timeline = await eventTimeline(herd, clusterId, operation);

  const wordcountSeconds = await timeWordcount(clusterId, run);
  await new Promise((resolve) => setTimeout(resolve, SETTLE_MS));
  const memoryMb = await clusterMemoryMb(clusterId);
  const loadBefore = loadavg()[0];
  const idleCpuPercent = await idleCpuShare(clusterId);
  const loadAfter = loadavg()[0];
  const recipe = await readClusterRecipe(clusterId, root);

  const deleted = await ok(herd.DELETE('/v1/clusters/{idOrName}', clusterPath));
  const deletion = await waitForOperation(herd, deleted.operationId, { pollIntervalMs: POLL_MS, timeoutMs: OPERATION_TIMEOUT_MS });
  if (deletion.status !== 'succeeded') throw new Error(`herd: delete ${deletion.status}: ${deletion.error}`);
  made.delete(`${LABEL.cluster}=${clusterId}`);
  return { sample: { seconds, wordcountSeconds, memoryMb, idleCpuPercent, loadBefore, loadAfter, timeline }, recipe };
}

async function eventTimeline(herd: HerdClient, clusterId: string, operation: Schemas['OperationView']): Promise<string[]> {
  const createdAt = new Date(operation.createdAt).getTime();
  const events = await ok(herd.GET('/v1/clusters/{idOrName}/events', { params: { path: { idOrName: clusterId }, query: { limit: 500 } } }));
  return events.items.map((event) => `${((new Date(event.createdAt).getTime() - createdAt) / 1000).toFixed(1).padStart(6)} s  ${event.message}`);
}

/** A text whose word counts are known. */
function wordcountInput(): { text: string; counts: Map<string, number> } {
  const counts = new Map(WORDS.map((word, i) => [word, (i + 1) * REPEAT]));
  const words = WORDS.flatMap((word) => Array.from({ length: counts.get(word)! }, () => word));
  const lines: string[] = [];
  for (let i = 0; i < words.length; i += 10) lines.push(words.slice(i, i + 10).join(' '));
  return { text: `${lines.join('\n')}\n`, counts };
}

/** Puts the input with `hdfs dfs -put` and times `yarn jar ... wordcount`, both run in a DataNode container; checks the counts. */
async function timeWordcount(clusterId: string, run: number): Promise<number> {
  const [datanode] = (await docker(['ps', '-q', '--filter', `label=${LABEL.cluster}=${clusterId}`, '--filter', `label=${LABEL.component}=DATANODE`])).split('\n').filter(Boolean);
  if (!datanode) throw new Error('herd: no DATANODE container to run the wordcount from');
  const dir = `/bench/wordcount-${run}`;
  const { text, counts } = wordcountInput();
  await docker(['exec', '-i', datanode, 'sh', '-c', `hdfs dfs -mkdir -p ${dir}/in && hdfs dfs -put - ${dir}/in/words.txt`], text);
  const started = performance.now();
  await docker(['exec', datanode, 'yarn', 'jar', EXAMPLES_JAR, 'wordcount', `${dir}/in`, `${dir}/out`]);
  const seconds = (performance.now() - started) / 1000;
  const output = await docker(['exec', datanode, 'hdfs', 'dfs', '-cat', `${dir}/out/part-r-*`]);
  const counted = new Map(
    output
      .trim()
      .split('\n')
      .map((line) => line.split('\t'))
      .map(([word, count]) => [word, Number(count)] as const),
  );
  const wrong = [...new Set([...counts.keys(), ...counted.keys()])].filter((word) => counts.get(word) !== counted.get(word));
  if (wrong.length) throw new Error(`wordcount: wrong counts for ${wrong.map((word) => `${word} (${counted.get(word)} instead of ${counts.get(word)})`).join(', ')}`);
  return seconds;
}

async function clusterStats(clusterId: string) {
  const docker = rawDocker();
  const containers = await docker.listContainers({ filters: { label: [`${LABEL.cluster}=${clusterId}`] } });
  return Promise.all(containers.map((container) => docker.getContainer(container.Id).stats({ stream: false, 'one-shot': true })));
}

/** One sample of the cluster containers' memory, page cache left out (cgroup v1 `cache`, v2 `inactive_file`). */
async function clusterMemoryMb(clusterId: string): Promise<number> {
  const bytes = (await clusterStats(clusterId)).reduce((sum, stats) => {
    const { usage = 0, stats: detail = {} } = stats.memory_stats as { usage?: number; stats?: Record<string, number> };
    return sum + usage - (detail.cache ?? detail.inactive_file ?? 0);
  }, 0);
  return bytes / 1024 / 1024;
}

/** The cluster containers' CPU time over the idle window, as a percent of all the host's CPUs. */
async function idleCpuShare(clusterId: string): Promise<number> {
  const cpuTime = async () => (await clusterStats(clusterId)).reduce((sum, stats) => sum + stats.cpu_stats.cpu_usage.total_usage, 0);
  const before = await cpuTime();
  const from = performance.now();
  await new Promise((resolve) => setTimeout(resolve, IDLE_WINDOW_MS));
  const after = await cpuTime();
  const elapsedNs = (performance.now() - from) * 1e6;
  return (100 * (after - before)) / (elapsedNs * cpus().length);
}

function report(samples: Sample[]): void {
  const median = (pick: (sample: Sample) => number) => [...samples.map(pick)].sort((a, b) => a - b)[Math.floor(samples.length / 2)]!;
  const round = (value: number, digits: number) => Number(value.toFixed(digits));
  const row = (run: string, pick: (read: (sample: Sample) => number) => number, load: string) => ({
    run,
    'herd POST -> AVAILABLE (s)': round(pick((s) => s.herd.seconds), 1),
    'baseline docker CLI -> counts (s)': round(pick((s) => s.baseline.seconds), 1),
    'herd / baseline': round(pick((s) => s.herd.seconds) / pick((s) => s.baseline.seconds), 2),
    'baseline -> counts + every component answering (s)': round(pick((s) => s.baseline.everyComponentSeconds), 1),
    'wordcount (s)': round(pick((s) => s.herd.wordcountSeconds), 1),
    'cluster memory (MB)': round(pick((s) => s.herd.memoryMb), 0),
    'idle CPU (% of machine)': round(pick((s) => s.herd.idleCpuPercent), 2),
    'load 1 min before -> after idle': load,
  });
  const rows = samples.map((sample, i) => row(String(i + 1), (read) => read(sample), `${sample.herd.loadBefore.toFixed(2)} -> ${sample.herd.loadAfter.toFixed(2)}`));
  if (samples.length > 1) rows.push(row('median', median, ''));
  console.log(`\n1 master (NAMENODE, RESOURCEMANAGER, HISTORYSERVER) + ${WORKERS} workers (DATANODE, NODEMANAGER), instance type medium`);
  console.log(`counts: the NameNode counts ${WORKERS} live DataNodes and the ResourceManager ${WORKERS} active NodeManagers`);
  console.log(`herd's AVAILABLE also waits for every component, the JobHistory server included, to answer its health endpoint`);
  console.table(rows);
  const ratio = median((s) => s.herd.seconds) / median((s) => s.baseline.seconds);
  const fullRatio = median((s) => s.herd.seconds) / median((s) => s.baseline.everyComponentSeconds);
  console.log(`goal herd / baseline <= ${GOAL_RATIO}: ${ratio <= GOAL_RATIO ? 'met' : 'NOT met'} (${ratio.toFixed(2)}, medians; ${fullRatio.toFixed(2)} against counts + every component answering)`);
  const medianRun = [...samples].sort((a, b) => a.herd.seconds - b.herd.seconds)[Math.floor(samples.length / 2)]!;
  const { baseline } = medianRun;
  console.log(
    `\nbaseline of the median run: all started ${baseline.startedSeconds.toFixed(1)} s, ${WORKERS} NodeManagers active ${baseline.activeNodeManagersSeconds.toFixed(1)} s, ${WORKERS} DataNodes live ${baseline.liveDataNodesSeconds.toFixed(1)} s, every component answering ${baseline.everyComponentSeconds.toFixed(1)} s`,
  );
  console.log(`herd's events of the median run (seconds after the operation was created):\n${medianRun.herd.timeline.join('\n')}`);
}

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    cleanUp();
    process.exit(130);
  });
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    cleanUp();
    process.exit(1);
  },
);
