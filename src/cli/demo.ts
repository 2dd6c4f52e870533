import 'reflect-metadata';
import { randomBytes } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { Presets, SingleBar } from 'cli-progress';
import { Client } from 'pg';
import { createHerdApp } from '../bootstrap';
import { loadConfig } from '../config/config';
import { HerdClient, OperationView } from './herd-client';

const BLUEPRINT = 'hadoop-single-master';

/**
 * `npm run demo`: herd in one process (api + worker), then a user's session over its HTTP API:
 * provision a cluster on the sim, show it, scale it, delete it.
 */
async function demo(): Promise<void> {
  const adminKey = `demo-${randomBytes(24).toString('hex')}`;
  const config = loadConfig({
    ...process.env,
    HERD_ROLE: 'all',
    LOG_LEVEL: process.env.LOG_LEVEL ?? 'warn',
    HERD_REDIS_PREFIX: process.env.HERD_REDIS_PREFIX ?? `herd-demo-${randomBytes(3).toString('hex')}`,
    HERD_BOOTSTRAP_ADMIN_KEY: adminKey,
  });
  await ensureDatabase(config.databaseUrl);
  const app = await createHerdApp({ config });
  await app.http!.listen(0, '127.0.0.1');
  const { port } = app.http!.getHttpServer().address() as AddressInfo;
  const herd = new HerdClient(`http://127.0.0.1:${port}`, adminKey);
  console.log(`herd is running at ${herd.baseUrl} (api + worker in this process)\n`);

  const made: DemoObjects = {};
  try {
    const credential = await herd.post('/v1/credentials', {
      name: `demo-sim-${randomBytes(3).toString('hex')}`,
      provider: 'sim',
      parameters: { latencyMs: 150, latencyJitterMs: 50, transientFailureRate: { launch: 0.1, describe: 0.05 } },
    });
    made.credentialId = credential.id;
    console.log(`credential ${credential.name}: simulator with 150 ms per call and 10% transient launch failures`);

    const created = await herd.post('/v1/clusters', {
      name: `demo-${randomBytes(3).toString('hex')}`,
      blueprint: BLUEPRINT,
      credential: credential.id,
      hostGroups: [
        { name: 'master', nodeCount: 1, instanceType: 'large' },
        { name: 'worker', nodeCount: 3, instanceType: 'medium' },
      ],
    });
    const id = created.cluster.id as string;
    made.clusterId = id;
    console.log(`cluster ${created.cluster.name} (${id}) requested from blueprint ${BLUEPRINT}\n`);
    await follow(herd, 'create', created.operationId);
    printSummary(await herd.get(`/v1/clusters/${id}`));

    const scaled = await herd.put(`/v1/clusters/${id}/host-groups/worker`, { nodeCount: 5 });
    await follow(herd, 'scale worker 3 -> 5', scaled.operationId);
    const afterScale = await herd.get(`/v1/clusters/${id}`);
    console.log(`\n${afterScale.name} is ${afterScale.status} with ${countNodes(afterScale)} nodes\n`);

    const deleted = await herd.delete(`/v1/clusters/${id}`);
    await follow(herd, 'delete', deleted.operationId);
    const gone = await herd.get(`/v1/clusters/${id}`);
    const events = await herd.get(`/v1/clusters/${id}/events?limit=1`);
    console.log(`\n${gone.name} is ${gone.status}; ${events.total} events recorded (GET /v1/clusters/${id}/events)`);
  } finally {
    await cleanUp(herd, made);
    await app.close();
  }
}

interface DemoObjects {
  clusterId?: string;
  credentialId?: string;
}

/**
 * Leaves the database as the demo found it, as far as herd's API allows: the cluster deleted
 * (its row stays as history), the credential deleted and the demo's admin key revoked, even when
 * a step failed. Each step is tried whatever the previous one did.
 */
async function cleanUp(herd: HerdClient, made: DemoObjects): Promise<void> {
  const attempt = async (what: string, step: () => Promise<unknown>) => {
    try {
      await step();
    } catch (error) {
      console.error(`clean-up: could not ${what}: ${(error as Error).message}`);
    }
  };
  if (made.clusterId) {
    await attempt('delete the cluster', async () => {
      const cluster = await herd.get(`/v1/clusters/${made.clusterId}`);
      if (cluster.status === 'DELETED') return;
      const deleted = await herd.delete(`/v1/clusters/${made.clusterId}`);
      await herd.waitForOperation(deleted.operationId, { timeoutMs: 5 * 60_000 });
    });
  }
  if (made.credentialId) await attempt('delete the credential', () => herd.delete(`/v1/credentials/${made.credentialId}`));
  await attempt('revoke the demo key', async () => {
    const me = await herd.get('/v1/me');
    await herd.delete(`/v1/tenants/${me.tenant.id}/api-keys/${me.key.id}`);
  });
}

/** A live progress bar of one operation, fed by GET /v1/operations/:id. */
async function follow(herd: HerdClient, label: string, operationId: string): Promise<OperationView> {
  const bar = new SingleBar({ format: `${label.padEnd(20)} [{bar}] {percentage}% | {step}`, hideCursor: true, clearOnComplete: false, noTTYOutput: true, notTTYSchedule: 500 }, Presets.shades_classic);
  bar.start(100, 0, { step: 'Queued' });
  const operation = await herd.waitForOperation(operationId, {
    timeoutMs: 10 * 60_000,
    onProgress: (current) => bar.update(current.percent, { step: (current.step ?? '').slice(0, 70) }),
  });
  bar.update(operation.percent, { step: operation.status === 'succeeded' ? 'done' : `${operation.status}: ${operation.error}` });
  bar.stop();
  if (operation.status !== 'succeeded') throw new Error(`${label} ${operation.status}: ${operation.error}`);
  return operation;
}

function countNodes(cluster: any): number {
  return cluster.hostGroups.reduce((sum: number, group: any) => sum + group.nodes.length, 0);
}

function printSummary(cluster: any): void {
  console.log(`\n${cluster.name}: ${cluster.status}, health ${cluster.health}, ${countNodes(cluster)} nodes on ${cluster.provider.kind}/${cluster.provider.variant}`);
  for (const group of cluster.hostGroups) {
    console.log(`  host group ${group.name} (${group.nodeCount} x ${group.instanceType})`);
    for (const node of group.nodes) {
      console.log(`    ${node.name.padEnd(28)} ${node.status.padEnd(8)} ${(node.addresses.private ?? '').padEnd(15)} ${node.components.map((c: any) => c.name).join(', ')}`);
    }
  }
  const endpoints = cluster.hostGroups.flatMap((group: any) => group.nodes.flatMap((node: any) => node.components.filter((c: any) => ['NAMENODE', 'RESOURCEMANAGER'].includes(c.name)).map((c: any) => `  ${c.name.padEnd(16)} ${c.endpoint}`)));
  console.log(`endpoints:\n${endpoints.join('\n')}\n`);
}

/** The demo needs only a running PostgreSQL: it creates its database when missing. */
async function ensureDatabase(databaseUrl: string): Promise<void> {
  const url = new URL(databaseUrl);
  const name = url.pathname.slice(1);
  url.pathname = '/postgres';
  const admin = new Client({ connectionString: url.toString() });
  await admin.connect();
  try {
    const exists = await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
    if (exists.rowCount === 0) await admin.query(`CREATE DATABASE "${name.replace(/"/g, '""')}"`);
  } finally {
    await admin.end();
  }
}

demo().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  },
);
