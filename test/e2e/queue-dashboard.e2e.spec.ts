import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { clusterBody, requestCluster, settle, simCredential } from '../support/clusters';
import { startTestApp, TestApp, TestTenant } from '../support/test-app';

describe('queue dashboard at /admin/queues (bull-board, real BullMQ queues)', () => {
  let app: TestApp;
  let tenant: TestTenant;
  let admin: string;

  beforeAll(async () => {
    app = await startTestApp();
    tenant = await app.newTenant('member');
    admin = await tenant.keyWithRole('admin');
  });

  afterAll(async () => {
    await app?.close();
  });

  it('asks for a key without one, and refuses keys that are not admin', async () => {
    const anonymous = await request(app.baseUrl).get('/admin/queues').expect(401);
    expect(anonymous.headers['www-authenticate']).toMatch(/^Basic realm="herd admin"/);
    expect(anonymous.body).toMatchObject({ code: 'UNAUTHENTICATED', statusCode: 401 });
    await request(app.baseUrl).get('/admin/queues/api/queues').set('Authorization', 'Bearer herd-not-a-key-at-all-000000').expect(401);
    const member = await request(app.baseUrl).get('/admin/queues/api/queues').set('Authorization', tenant.auth).expect(403);
    expect(member.body).toMatchObject({ code: 'FORBIDDEN', message: 'The queue dashboard is for admin keys only' });
  });

  it("serves the board to an admin key, by Bearer or as Basic auth's password, over herd's own queues and jobs", async () => {
    const cluster = await requestCluster(app, tenant, clusterBody(await simCredential(app, tenant), 1));
    expect((await settle(app, tenant, cluster.operationId)).status).toBe('succeeded');

    const page = await request(app.baseUrl).get('/admin/queues').set('Authorization', `Bearer ${admin}`).expect(200);
    expect(page.headers['content-type']).toMatch(/^text\/html/);
    expect(page.text).toContain('herd queues');
    const basic = `Basic ${Buffer.from(`admin:${admin}`).toString('base64')}`;
    const board = await request(app.baseUrl).get('/admin/queues/api/queues?activeQueue=operations&status=completed').set('Authorization', basic).expect(200);
    const queues = board.body.queues as { name: string; counts: Record<string, number>; jobs: { id: string; name: string }[] }[];
    expect(queues.map((queue) => queue.name).sort()).toEqual(['monitoring', 'operations', 'webhooks']);
    const operations = queues.find((queue) => queue.name === 'operations')!;
    expect(operations.jobs.map((job) => [job.id, job.name])).toContainEqual([cluster.operationId, 'cluster.create']);
  });
});
