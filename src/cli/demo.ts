import 'reflect-metadata';
import { randomBytes } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { Presets, SingleBar } from 'cli-progress';
import { Client } from 'pg';
import { createHerdApp } from '../bootstrap';
import { loadConfig } from '../config/config';
import { createHerdClient, type HerdClient, ok, type OperationView, type Schemas, waitForOperation } from '../../clients/typescript/src';

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
  await app.http.listen(0, '127.0.0.1');
  const { port } = app.http.getHttpServer().address() as AddressInfo;
  const baseUrl = `http://127.0.0.1:${port}`;
  const herd = createHerdClient({ baseUrl, apiKey: adminKey });
  console.log(`herd is running at ${baseUrl} (api + worker in this process)\n`);

  const made: DemoObjects = {};
  try {
    const credential = await ok(
      herd.POST('/v1/credentials', {
        body: {
          name: `demo-sim-${randomBytes(3).toString('hex')}`,
          provider: 'sim',
          parameters: { latencyMs: 150, latencyJitterMs: 50, transientFailureRate: { launch: 0.1, describe: 0.05 } },
        },
      }),
    );
    made.credentialId = credential.id;
    console.log(`credential ${credential.name}: simulator with 150 ms per call and 10% transient launch failures`);

    const created = await ok(
      herd.POST('/v1/clusters', {
        body: {
          name: `demo-${randomBytes(3).toString('hex')}`,
          blueprint: BLUEPRINT,
          credential: credential.id,
          hostGroups: [
            { name: 'master', nodeCount: 1, instanceType: 'large' },
            { name: 'worker', nodeCount: 3, instanceType: 'medium' },
          ],
        },
      }),
    );
    const id = created.cluster.id;
    const cluster = { params: { path: { idOrName: id } } };
    made.clusterId = id;
    console.log(`cluster ${created.cluster.name} (${id}) requested from blueprint ${BLUEPRINT}\n`);
    await follow(herd, 'create', created.operationId);
    printSummary(await ok(herd.GET('/v1/clusters/{idOrName}', cluster)));

    const scaled = await ok(herd.PUT('/v1/clusters/{idOrName}/host-groups/{name}', { params: { path: { idOrName: id, name: 'worker' } }, body: { nodeCount: 5 } }));
    await follow(herd, 'scale worker 3 -> 5', scaled.operationId);
    const afterScale = await ok(herd.GET('/v1/clusters/{idOrName}', cluster));
    console.log(`\n${afterScale.name} is ${afterScale.status} with ${countNodes(afterScale)} nodes\n`);

    const deleted = await ok(herd.DELETE('/v1/clusters/{idOrName}', cluster));
    await follow(herd, 'delete', deleted.operationId);
    const gone = await ok(herd.GET('/v1/clusters/{idOrName}', cluster));
    const events = await ok(herd.GET('/v1/clusters/{idOrName}/events', { params: { path: { idOrName: id }, query: { limit: 1 } } }));
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
    const cluster = { params: { path: { idOrName: made.clusterId } } };
    await attempt('delete the cluster', async () => {
      if ((await ok(herd.GET('/v1/clusters/{idOrName}', cluster))).status === 'DELETED') return;
      const deleted = await ok(herd.DELETE('/v1/clusters/{idOrName}', cluster));
      await waitForOperation(herd, deleted.operationId, { timeoutMs: 5 * 60_000 });
    });
  }
  const credentialId = made.credentialId;
  if (credentialId) await attempt('delete the credential', () => ok(herd.DELETE('/v1/credentials/{idOrName}', { params: { path: { idOrName: credentialId } } })));
  await attempt('revoke the demo key', async () => {
    const me = await ok(herd.GET('/v1/me'));
    await ok(herd.DELETE('/v1/tenants/{id}/api-keys/{keyId}', { params: { path: { id: me.tenant.id, keyId: me.key.id } } }));
  });
}

/** A live progress bar of one operation, fed by GET /v1/operations/:id. */
async function follow(herd: HerdClient, label: string, operationId: string): Promise<OperationView> {
  const bar = new SingleBar({ format: `${label.padEnd(20)} [{bar}] {percentage}% | {step}`, hideCursor: true, clearOnComplete: false, noTTYOutput: true, notTTYSchedule: 500 }, Presets.shades_classic);
  bar.start(100, 0, { step: 'Queued' });
  const operation = await waitForOperation(herd, operationId, {
    timeoutMs: 10 * 60_000,
    onProgress: (current) => bar.update(current.percent, { step: (current.step ?? '').slice(0, 70) }),
  });
  bar.update(operation.percent, { step: operation.status === 'succeeded' ? 'done' : `${operation.status}: ${operation.error}` });
  bar.stop();
  if (operation.status !== 'succeeded') throw new Error(`${label} ${operation.status}: ${operation.error}`);
  return operation;
}

type ClusterView = Schemas['ClusterView'];

function countNodes(cluster: ClusterView): number {
  return cluster.hostGroups.reduce((sum, group) => sum + group.nodes.length, 0);
}

function printSummary(cluster: ClusterView): void {
  console.log(`\n${cluster.name}: ${cluster.status}, health ${cluster.health}, ${countNodes(cluster)} nodes on ${cluster.provider.kind}/${cluster.provider.variant}`);
  for (const group of cluster.hostGroups) {
    console.log(`  host group ${group.name} (${group.nodeCount} x ${group.instanceType})`);
    for (const node of group.nodes) {
      console.log(`    ${node.name.padEnd(28)} ${node.status.padEnd(8)} ${(node.addresses.private ?? '').padEnd(15)} ${node.components.map((component) => component.name).join(', ')}`);
    }
  }
  const endpoints = cluster.hostGroups.flatMap((group) =>
    group.nodes.flatMap((node) => node.components.filter((component) => ['NAMENODE', 'RESOURCEMANAGER'].includes(component.name)).map((component) => `  ${component.name.padEnd(16)} ${component.endpoint}`)),
  );
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
