// bench:openstack-cluster: time from `POST /v1/clusters` to AVAILABLE of a 5-node cluster
// (hadoop-single-master, 1 master + 4 workers) on openstack/nova and on openstack/heat, in one run on
// the loopback cloud of scripts/openstack.sh. The bench plays each VM (runs its user_data, which calls
// herd back) as soon as its server shows in the API, as a booted VM would.
import 'reflect-metadata';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { type HerdClient, ok, waitForOperation } from '../clients/typescript/src';
import { fromCloudsYaml } from '../src/providers/openstack/keystone';
import { NovaAdapter } from '../src/providers/openstack/nova/nova.provider';
import { VmNodes } from '../test/support/vm-nodes';
import { requestCluster, serverClockMs, withBenchApp } from './bench-app';

const NODES = Number(process.env.BENCH_NODES ?? 5);
const VARIANTS = ['nova', 'heat'] as const;

interface Sample {
  variant: string;
  clientMs: number;
  serverMs: number;
  /** POST to the moment the last VM finished playing (its callback made). */
  lastServerSeenMs: number;
}

async function main(): Promise<void> {
  const clouds = readFileSync(join(__dirname, '..', '..', '.tmp', 'openstack', 'clouds.yaml'), 'utf8');
  const adminNova = new NovaAdapter().connect({ ...fromCloudsYaml(clouds, 'herd-admin') }).nova;
  await withBenchApp(
    async (herd, _config, baseUrl) => {
      const samples: Sample[] = [];
      for (const variant of VARIANTS) {
        const credential = await ok(herd.POST('/v1/credentials/import', { body: { name: `bench-${variant}`, provider: 'openstack', variant, format: 'clouds.yaml', content: clouds, cloud: 'herd-test' } }));
        samples.push(await timeToAvailable(herd, variant, credential.id, new VmNodes(adminNova, `${baseUrl}/v1/node-callbacks`)));
      }
      console.log(`\n${NODES}-node cluster (1 master + ${NODES - 1} workers, m1.tiny, fake compute driver), POST /v1/clusters to AVAILABLE, VMs played on sight`);
      console.table(samples.map((s) => ({ provider: `openstack/${s.variant}`, 'client (ms)': s.clientMs, 'server (ms)': s.serverMs, 'last VM done playing (ms)': s.lastServerSeenMs })));
    },
    { HERD_POLL_MAX_MS: '500' },
  );
}

async function timeToAvailable(herd: HerdClient, variant: string, credential: string, vms: VmNodes): Promise<Sample> {
  const options = { image: 'tiny', networks: 'none' };
  const started = performance.now();
  const created = await requestCluster(herd, {
    name: `bench-${variant}`,
    blueprint: 'hadoop-single-master',
    credential,
    hostGroups: [
      { name: 'master', nodeCount: 1, instanceType: 'm1.tiny', options },
      { name: 'worker', nodeCount: NODES - 1, instanceType: 'm1.tiny', options },
    ],
  });
  const clusterPath = { params: { path: { idOrName: created.cluster.id } } };
  let lastServerSeenMs = 0;
  const deadline = Date.now() + 10 * 60_000;
  for (;;) {
    const operation = await ok(herd.GET('/v1/operations/{id}', { params: { path: { id: created.operationId } } }));
    if (!['queued', 'running'].includes(operation.status)) {
      if (operation.status !== 'succeeded') throw new Error(`${variant}: create ${operation.status}: ${operation.error}`);
      break;
    }
    if (Date.now() > deadline) throw new Error(`${variant}: create still ${operation.status} (${operation.step})`);
    const cluster = await ok(herd.GET('/v1/clusters/{idOrName}', clusterPath));
    const fresh = await vms.playNew(cluster.hostGroups.flatMap((group) => group.nodes));
    if (fresh.length > 0) lastServerSeenMs = Math.round(performance.now() - started);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  const clientMs = Math.round(performance.now() - started);
  const cluster = await ok(herd.GET('/v1/clusters/{idOrName}', clusterPath));
  if (cluster.status !== 'AVAILABLE') throw new Error(`${variant}: ${cluster.status} after a succeeded create`);
  const serverMs = serverClockMs(await ok(herd.GET('/v1/operations/{id}', { params: { path: { id: created.operationId } } })));
  const deleted = await ok(herd.DELETE('/v1/clusters/{idOrName}', clusterPath));
  const deletion = await waitForOperation(herd, deleted.operationId, { pollIntervalMs: 100, timeoutMs: 10 * 60_000 });
  if (deletion.status !== 'succeeded') throw new Error(`${variant}: delete ${deletion.status}: ${deletion.error}`);
  return { variant, clientMs, serverMs, lastServerSeenMs };
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
