import { randomBytes } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { Client } from 'pg';
import { createHerdClient, type HerdClient, ok, type Schemas } from '../clients/typescript/src';
import { createHerdApp, HerdApp } from '../src/bootstrap';
import { HerdConfig, loadConfig } from '../src/config/config';

/**
 * Runs `measure` against a whole herd (API and workers) on a fresh database of its own and a
 * fresh Redis prefix, as the bootstrap admin; drops the database afterwards. `baseUrl` is where
 * that herd serves its API.
 */
export async function withBenchApp<T>(measure: (herd: HerdClient, config: HerdConfig, baseUrl: string) => Promise<T>, env: Record<string, string> = {}): Promise<T> {
  const database = `herd_bench_${Date.now()}`;
  const adminKey = `bench-${randomBytes(24).toString('hex')}`;
  const baseUrl = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
  const adminUrl = new URL(baseUrl);
  adminUrl.pathname = '/postgres';
  const dbUrl = new URL(baseUrl);
  dbUrl.pathname = `/${database}`;
  await sql(adminUrl.toString(), `CREATE DATABASE ${database}`);

  const config = loadConfig({
    ...process.env,
    DATABASE_URL: dbUrl.toString(),
    HERD_ROLE: 'all',
    LOG_LEVEL: 'warn',
    HERD_REDIS_PREFIX: `herd-bench-${randomBytes(3).toString('hex')}`,
    HERD_BOOTSTRAP_ADMIN_KEY: adminKey,
    HERD_QUOTA_CLUSTERS: '1000',
    HERD_QUOTA_NODES: '1000000',
    HERD_QUOTA_NODES_PER_CLUSTER: '1000000',
    ...env,
  });
  let app: HerdApp | undefined;
  try {
    app = await createHerdApp({ config });
    await app.http.listen(0, '127.0.0.1');
    const herdUrl = `http://127.0.0.1:${(app.http.getHttpServer().address() as AddressInfo).port}`;
    return await measure(createHerdClient({ baseUrl: herdUrl, apiKey: adminKey }), config, herdUrl);
  } finally {
    // As on SIGTERM: requests in flight are answered and running jobs end before the connections close.
    await app?.shutdown();
    await sql(adminUrl.toString(), `DROP DATABASE IF EXISTS ${database} WITH (FORCE)`);
  }
}

/** POST /v1/clusters. */
export function requestCluster(herd: HerdClient, body: Schemas['CreateClusterDto']): Promise<Schemas['AcceptedClusterView']> {
  return ok(herd.POST('/v1/clusters', { body }));
}

/** One master and `nodes - 1` workers of the built-in single-master blueprint. */
export function singleMasterCluster(name: string, credential: string, nodes: number, masterType = 'small'): Schemas['CreateClusterDto'] {
  return {
    name,
    blueprint: 'hadoop-single-master',
    credential,
    hostGroups: [
      { name: 'master', nodeCount: 1, instanceType: masterType },
      { name: 'worker', nodeCount: nodes - 1, instanceType: 'small' },
    ],
  };
}

/** The server-clock duration of an ended operation: createdAt to finishedAt. */
export function serverClockMs(operation: Schemas['OperationView']): number {
  if (operation.finishedAt === null) throw new Error(`operation ${operation.id} is ${operation.status} and has not finished`);
  return new Date(operation.finishedAt).getTime() - new Date(operation.createdAt).getTime();
}

async function sql(url: string, statement: string): Promise<void> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(statement);
  } finally {
    await client.end();
  }
}
