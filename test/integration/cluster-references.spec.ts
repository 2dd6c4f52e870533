import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { QuotaService } from '../../src/modules/quotas/quota.service';
import { JobQueues } from '../../src/queue/job-queues';
import { createHerdApp } from '../../src/bootstrap';
import { HERD_CONFIG, HerdConfig, loadConfig } from '../../src/config/config';
import { startTestApp, testDatabaseUrl, TestApp, TestTenant } from '../support/test-app';
import { clusterBody, getCluster, requestCluster, settle, simCredential, simNodeNames } from '../support/clusters';

const OWN_BLUEPRINT = {
  Blueprints: { blueprint_name: 'tiny', stack_name: 'HADOOP', stack_version: '3.3' },
  host_groups: [
    { name: 'master', cardinality: '1', components: [{ name: 'NAMENODE' }, { name: 'RESOURCEMANAGER' }] },
    { name: 'worker', cardinality: '1+', components: [{ name: 'DATANODE' }, { name: 'NODEMANAGER' }] },
  ],
};

describe('what clusters hold on to, and operations whose enqueue was lost', () => {
  let app: TestApp;
  let tenant: TestTenant;

  beforeAll(async () => {
    app = await startTestApp();
    tenant = await app.newTenant();
  });
  afterAll(async () => {
    await app?.close();
  });

  it('refuses to delete a blueprint or credential a live cluster uses, and allows it once the cluster is deleted', async () => {
    const credential = await simCredential(app, tenant);
    const blueprint = await request(app.baseUrl).post('/v1/blueprints').set('Authorization', tenant.auth).send(OWN_BLUEPRINT).expect(201);
    const { id, operationId } = await requestCluster(app, tenant, clusterBody(credential, 1, { blueprint: blueprint.body.id }));
    await settle(app, tenant, operationId);

    const blueprintInUse = await request(app.baseUrl).delete(`/v1/blueprints/${blueprint.body.id}`).set('Authorization', tenant.auth).expect(409);
    expect(blueprintInUse.body.message).toContain(id);
    const credentialInUse = await request(app.baseUrl).delete(`/v1/credentials/${credential}`).set('Authorization', tenant.auth).expect(409);
    expect(credentialInUse.body.message).toContain(id);

    const deleted = await request(app.baseUrl).delete(`/v1/clusters/${id}`).set('Authorization', tenant.auth).expect(202);
    await settle(app, tenant, deleted.body.operationId);
    await request(app.baseUrl).delete(`/v1/blueprints/${blueprint.body.id}`).set('Authorization', tenant.auth).expect(204);
    await request(app.baseUrl).delete(`/v1/credentials/${credential}`).set('Authorization', tenant.auth).expect(204);
  });

  it('holds a tenant to its quotas on create, validate and scale, counting its live clusters', async () => {
    const limited = await app.newTenant();
    await app.herd.context.get(QuotaService).set(limited.tenantId, { clusters: 1, nodes: 3, nodesPerCluster: 3 });
    const credential = await simCredential(app, limited);
    const tooBig = await request(app.baseUrl).post('/v1/clusters').set('Authorization', limited.auth).send(clusterBody(credential, 3)).expect(422);
    expect(tooBig.body.details.map((detail: { field: string }) => detail.field)).toContain('quotas.nodesPerCluster');
    await request(app.baseUrl).post('/v1/clusters/validate').set('Authorization', limited.auth).send(clusterBody(credential, 3)).expect(422);

    const { id, operationId } = await requestCluster(app, limited, clusterBody(credential, 1));
    await settle(app, limited, operationId);
    const second = await request(app.baseUrl).post('/v1/clusters').set('Authorization', limited.auth).send(clusterBody(credential, 1)).expect(422);
    expect(second.body.details.map((detail: { field: string }) => detail.field)).toContain('quotas.clusters');
    const scale = await request(app.baseUrl).put(`/v1/clusters/${id}/host-groups/worker`).set('Authorization', limited.auth).send({ nodeCount: 3 }).expect(422);
    expect(scale.body.details.map((detail: { field: string }) => detail.field)).toContain('quotas.nodes');
    expect((await getCluster(app, limited, id)).status).toBe('AVAILABLE');

    const deleted = await request(app.baseUrl).delete(`/v1/clusters/${id}`).set('Authorization', limited.auth).expect(202);
    await settle(app, limited, deleted.body.operationId);
    const again = await requestCluster(app, limited, clusterBody(credential, 1));
    await settle(app, limited, again.operationId);
  });

  it('enqueues again an operation whose job went missing after its commit, and it converges', async () => {
    const api = await startTestApp({ role: 'api' });
    const owner = await api.newTenant();
    const credential = await simCredential(api, owner);
    const { id, operationId } = await requestCluster(api, owner, clusterBody(credential, 1));
    const queue = api.herd.context.get(JobQueues).queue('operations');
    await (await queue.getJob(operationId))!.remove();
    expect(await queue.getJob(operationId)).toBeUndefined();

    // Older than the sweeper's grace period by the time a worker boots and sweeps.
    await new Promise((resolve) => setTimeout(resolve, 5_500));
    const { redisPrefix } = api.herd.context.get<symbol, HerdConfig>(HERD_CONFIG);
    const worker = await createHerdApp({ config: loadConfig({ ...process.env, DATABASE_URL: testDatabaseUrl(), HERD_REDIS_PREFIX: redisPrefix, HERD_ROLE: 'worker', LOG_LEVEL: 'warn' }), runMigrations: false });
    try {
      expect(await settle(api, owner, operationId)).toMatchObject({ status: 'succeeded' });
      expect((await getCluster(api, owner, id)).status).toBe('AVAILABLE');
      expect(await simNodeNames(api, id)).toHaveLength(2);
    } finally {
      await worker.close();
      await api.close();
    }
  });
});
