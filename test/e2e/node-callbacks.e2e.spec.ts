import { randomUUID } from 'node:crypto';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NodeCallbacksService } from '../../src/modules/node-callbacks/node-callbacks.service';
import { buildUserData } from '../../src/providers/openstack/cloud-init/user-data';
import { startTestApp, TestApp } from '../support/test-app';
import { playVm } from '../support/vm-player';

describe('node callbacks (push health from VM nodes)', () => {
  let app: TestApp;
  let callbacks: NodeCallbacksService;
  beforeAll(async () => {
    app = await startTestApp();
    callbacks = app.herd.context.get(NodeCallbacksService);
  });
  afterAll(async () => {
    await app.close();
  });

  const post = (token: string | undefined, body: unknown) => {
    const r = request(app.baseUrl).post('/v1/node-callbacks').send(body as object);
    return token ? r.set('Authorization', `Bearer ${token}`) : r;
  };
  const ready = { event: 'ready', components: [{ name: 'DATANODE', status: 'running' }] };

  it('issues the same token for the same node, storing only its hash', async () => {
    const tenant = await app.newTenant();
    const clusterId = randomUUID();
    const first = await callbacks.issueTokens(tenant.tenantId, clusterId, ['n-0']);
    const again = await callbacks.issueTokens(tenant.tenantId, clusterId, ['n-0']);
    expect(again.get('n-0')).toBe(first.get('n-0'));
    const stored = await app.db.query('SELECT token_hash FROM node_callbacks WHERE cluster_id = $1', [clusterId]);
    expect(stored).toHaveLength(1);
    expect(stored[0].token_hash).not.toContain(first.get('n-0')!.slice(4));
  });

  it('accepts only valid tokens, once per state change, and answers nothing about other nodes', async () => {
    const tenant = await app.newTenant();
    const other = await app.newTenant();
    const clusterId = randomUUID();
    const tokens = await callbacks.issueTokens(tenant.tenantId, clusterId, ['n-0', 'n-1']);
    await post(undefined, ready).expect(401);
    await post('hnc_' + 'x'.repeat(43), ready).expect(401);
    await post(tokens.get('n-0'), { event: 'reboot', components: [] }).expect(400);
    const bad = await post(tokens.get('n-0'), { event: 'health', components: [{ name: 'A;B', status: 'running' }] }).expect(400);
    expect(JSON.stringify(bad.body.details)).toMatch(/components/);

    expect((await post(tokens.get('n-0'), ready).expect(200)).body).toEqual({ changed: true });
    expect((await post(tokens.get('n-0'), ready).expect(200)).body).toEqual({ changed: false });
    expect((await post(tokens.get('n-0'), { event: 'health', components: [{ name: 'DATANODE', status: 'running' }] }).expect(200)).body).toEqual({ changed: false });
    expect((await post(tokens.get('n-0'), { event: 'health', components: [{ name: 'DATANODE', status: 'failed' }] }).expect(200)).body).toEqual({ changed: true });

    const reports = await callbacks.reports(tenant.tenantId, clusterId);
    expect(reports.map((r) => [r.nodeName, r.lastEvent, r.components?.[0]?.status, !!r.readyAt])).toEqual([
      ['n-0', 'health', 'failed', true],
      ['n-1', null, undefined, false],
    ]);
    expect(await callbacks.reports(other.tenantId, clusterId)).toEqual([]);

    await callbacks.revoke(tenant.tenantId, clusterId, 'n-0');
    await post(tokens.get('n-0'), ready).expect(401);
  });

  it('receives the ready call a booting VM makes from herd-generated user_data', async () => {
    const tenant = await app.newTenant();
    const clusterId = randomUUID();
    const tokens = await callbacks.issueTokens(tenant.tenantId, clusterId, ['herd-vm-worker-0']);
    const userData = buildUserData({
      nodeName: 'herd-vm-worker-0',
      components: [{ name: 'NODEMANAGER', image: 'apache/hadoop:3', command: ['yarn', 'nodemanager'], ports: [], env: {}, configFiles: [], startOrder: 1 }],
      callbackUrl: `${app.baseUrl}/v1/node-callbacks`,
      callbackToken: tokens.get('herd-vm-worker-0'),
    });
    const vm = await playVm(userData);
    expect(vm.status).toBe(0);
    const [report] = await callbacks.reports(tenant.tenantId, clusterId);
    expect(report).toMatchObject({ nodeName: 'herd-vm-worker-0', lastEvent: 'ready', components: [{ name: 'NODEMANAGER', status: 'running' }] });
  });
});
