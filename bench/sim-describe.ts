// Measures the sim's launch, describe and teardown cost by cluster size, beside a per-node
// round-trip read of the same keys measured in the same run. Needs the local Redis.
import { randomBytes, randomUUID } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { loadConfig } from '../src/config/config';
import { SimHealthServer } from '../src/providers/sim/sim.health-server';
import { createSimAdapter } from '../src/providers/sim/sim.provider';
import { ClusterSpec, nodeName } from '../src/providers/spi';
import { defaultComponents } from '../src/providers/spi/conformance/components';
import { createRedis } from '../src/queue/redis.module';

const SIZES = [100, 1_000, 10_000];
const REPEATS = 5;

function cluster(size: number): ClusterSpec {
  const id = randomUUID();
  return {
    clusterId: id,
    tenantId: randomUUID(),
    name: 'bench',
    tag: id,
    stack: { name: 'HDP', version: '3.1' },
    hostGroups: [{ name: 'worker', nodeCount: size, instanceType: 'small', components: defaultComponents(['DATANODE', 'NODEMANAGER']), options: {} }],
  };
}

async function timed(fn: () => Promise<unknown>): Promise<number> {
  const start = performance.now();
  await fn();
  return performance.now() - start;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

async function main(): Promise<void> {
  const redis = createRedis(loadConfig(process.env));
  const keyPrefix = `herd-bench-${randomBytes(4).toString('hex')}`;
  const healthServer = new SimHealthServer({ redis, keyPrefix });
  const connection = createSimAdapter({ redis, keyPrefix, healthServer }).connect({});
  const hooks = { resourceCreated: async () => undefined };
  const rows: string[][] = [];
  try {
    for (const size of SIZES) {
      const spec = cluster(size);
      const launch = spec.hostGroups[0];
      const nodes = Array.from({ length: size }, (_, index) => ({ name: nodeName(spec, launch.name, index), hostGroup: launch.name, index }));
      const launchMs = await timed(() => connection.apply(spec, { launch: nodes, terminate: [] }, hooks));
      const describeTimes: number[] = [];
      for (let repeat = 0; repeat < REPEATS; repeat++) describeTimes.push(await timed(() => connection.describe(spec)));
      const describeMs = median(describeTimes);
      const nodesKey = `${keyPrefix}:sim:cluster:${spec.tag}:nodes`;
      const perNodeMs = await timed(async () => {
        for (const node of nodes) await redis.hget(nodesKey, node.name);
      });
      const teardownMs = await timed(() => connection.teardown(spec));
      rows.push([String(size), launchMs.toFixed(1), describeMs.toFixed(1), ((describeMs * 1000) / size).toFixed(1), perNodeMs.toFixed(1), (perNodeMs / describeMs).toFixed(1), teardownMs.toFixed(1)]);
    }
  } finally {
    const left = await redis.keys(`${keyPrefix}:*`);
    if (left.length > 0) await redis.del(...left);
    await healthServer.close();
    await redis.quit();
  }
  const header = ['nodes', 'launch ms', 'describe ms (median)', 'describe µs/node', 'per-node reads ms', 'per-node / describe', 'teardown ms'];
  console.log(`| ${header.join(' | ')} |\n|${header.map(() => '---').join('|')}|`);
  for (const row of rows) console.log(`| ${row.join(' | ')} |`);
}

main().catch((error) => {
  console.error(error);
  process.exitCode = 1;
});
