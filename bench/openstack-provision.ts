// Time for openstack/nova to bring N servers ACTIVE versus one openstack/heat stack of the same N
// servers, measured in one run on the same Nova (the loopback cloud of scripts/openstack.sh).
// Usage: npx tsc -p tsconfig.json --outDir .bench-build && node .bench-build/bench/openstack-provision.js [N] [rounds]
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { pollUntil, sleep } from '../src/common/scheduling';
import { HeatAdapter } from '../src/providers/openstack/heat/heat.provider';
import { fromCloudsYaml } from '../src/providers/openstack/keystone';
import { NovaAdapter } from '../src/providers/openstack/nova/nova.provider';
import { nodeName, type ClusterSpec, type NodeSpec, type ProviderConnection } from '../src/providers/spi';
import { defaultComponents } from '../src/providers/spi/conformance/components';

const N = Number(process.argv[2] ?? 20);
const ROUNDS = Number(process.argv[3] ?? 2);

function cluster(): ClusterSpec {
  const id = randomUUID();
  return {
    clusterId: id,
    tenantId: randomUUID(),
    name: 'bench',
    tag: id,
    stack: { name: 'HDP', version: '3.1' },
    hostGroups: [{ name: 'worker', nodeCount: N, instanceType: 'm1.tiny', components: defaultComponents(['DATANODE', 'NODEMANAGER']), options: { image: 'tiny', networks: 'none' } }],
  };
}

function plan(c: ClusterSpec): NodeSpec[] {
  return Array.from({ length: N }, (_, index) => ({ name: nodeName(c, 'worker', index), hostGroup: 'worker', index, callbackToken: randomUUID() }));
}

async function provision(conn: ProviderConnection): Promise<{ activeMs: number; teardownMs: number }> {
  const c = cluster();
  const start = performance.now();
  await conn.apply(c, { launch: plan(c), terminate: [] }, { resourceCreated: async () => undefined });
  for (;;) {
    const nodes = await conn.describe(c);
    if (nodes.length === N && nodes.every((n) => n.status === 'RUNNING')) break;
    const failed = nodes.find((n) => n.status === 'ERROR');
    if (failed) throw new Error(`${failed.name}: ${failed.statusReason}`);
    await sleep(250);
  }
  const activeMs = performance.now() - start;
  const t = performance.now();
  // teardown only starts the removal: the time is until describe shows nothing left.
  await conn.teardown(c);
  const gone = await pollUntil(() => conn.describe(c), (nodes) => nodes.length === 0, { deadline: Date.now() + 600_000, intervalMs: 250 });
  if (!gone.done) throw new Error(`${gone.value.length} nodes still there 10 min after teardown`);
  return { activeMs, teardownMs: performance.now() - t };
}

async function main() {
  const creds = fromCloudsYaml(readFileSync(join(__dirname, '..', '..', '.tmp', 'openstack', 'clouds.yaml'), 'utf8'), 'herd-test');
  const adapters = { 'openstack/nova': new NovaAdapter(), 'openstack/heat': new HeatAdapter() };
  console.log(`${N} servers (m1.tiny, fake compute driver), ${ROUNDS} rounds each, alternating`);
  const results: Record<string, { activeMs: number; teardownMs: number }[]> = { 'openstack/nova': [], 'openstack/heat': [] };
  for (let round = 0; round < ROUNDS; round++) {
    for (const [key, adapter] of Object.entries(adapters)) {
      const r = await provision(adapter.connect({ ...creds }));
      results[key].push(r);
      console.log(`round ${round + 1} ${key}: ACTIVE after ${(r.activeMs / 1000).toFixed(1)} s, teardown ${(r.teardownMs / 1000).toFixed(1)} s`);
    }
  }
  const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
  for (const [key, rs] of Object.entries(results)) {
    console.log(`${key}: median ${(median(rs.map((r) => r.activeMs)) / 1000).toFixed(1)} s to ${N} ACTIVE, teardown ${(median(rs.map((r) => r.teardownMs)) / 1000).toFixed(1)} s`);
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
