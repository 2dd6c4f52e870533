import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HERD_CONFIG, HerdConfig } from '../../src/config/config';
import { JobQueues } from '../../src/queue/job-queues';
import { startTestApp, TestApp, testRedisPrefix } from '../support/test-app';
import { until } from '../support/until';

/** Two deployments (two databases) on one Redis prefix would take each other's jobs and drop them in silence. */
describe('one Redis prefix, one deployment', () => {
  const prefix = testRedisPrefix();
  let app: TestApp;

  beforeAll(async () => {
    app = await startTestApp({ ownDatabase: true, env: { HERD_REDIS_PREFIX: prefix } });
  });
  afterAll(async () => {
    await app?.close();
  });

  it('refuses to start a second deployment on a prefix the first one marked', async () => {
    await expect(startTestApp({ ownDatabase: true, env: { HERD_REDIS_PREFIX: prefix } })).rejects.toThrow(/Redis prefix ".*" belongs to another herd deployment.*HERD_REDIS_PREFIX/);
  });

  it('lets more processes of the same deployment share it', async () => {
    const { databaseUrl } = app.herd.context.get<symbol, HerdConfig>(HERD_CONFIG);
    const second = await startTestApp({ env: { HERD_REDIS_PREFIX: prefix, DATABASE_URL: databaseUrl } });
    await second.close();
  });

  it('fails a job for an operation this database does not have at once, and says why in the log', async () => {
    const operationId = randomUUID();
    const queue = app.herd.context.get(JobQueues).queue('operations');
    await app.herd.context.get(JobQueues).add('cluster.create', { operationId, clusterId: randomUUID(), tenantId: randomUUID() }, operationId);
    const job = await until('the job to fail', () => queue.getJob(operationId), (found) => found?.failedReason !== undefined && found.failedReason !== '', 20_000);
    expect(job!.attemptsMade).toBe(1);
    expect(job!.failedReason).toMatch(/is not in this deployment's database/);
    expect(app.logs()).toMatch(new RegExp(`refused: operation ${operationId}`));
  });
});
