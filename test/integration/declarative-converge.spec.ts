import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SIM_DESCRIPTOR } from '../../src/providers/sim/sim.descriptor';
import type { ApplyHooks, ApplyPlan, BackendOperation, ClusterSpec, ProviderAdapter, ProviderConnection } from '../../src/providers/spi';
import { getCluster, requestCluster, settle } from '../support/clusters';
import { startSimHarness } from '../support/sim-harness';
import { startTestApp, type TestApp, type TestTenant } from '../support/test-app';

const BUSY_MS = 400;

/**
 * The sim under a variant that declares itself `declarative`: every apply starts a backend
 * operation that it reports through `operationInProgress` for BUSY_MS, as a Heat stack update
 * would. It records each apply, and whether one came while its operation was still under way.
 */
class DeclarativeSim implements ProviderAdapter {
  readonly descriptor = {
    ...SIM_DESCRIPTOR,
    variant: 'declarative',
    displayName: 'Simulator, one backend operation per cluster',
    capabilities: { ...SIM_DESCRIPTOR.capabilities, declarative: true },
  };
  readonly applies: { launch: number; terminate: number; whileBusy: boolean }[] = [];
  private readonly busyUntil = new Map<string, number>();
  private readonly sim = startSimHarness();

  connect(parameters: Record<string, unknown>): ProviderConnection {
    const inner = this.sim.adapter.connect(parameters);
    const operationInProgress = async (cluster: ClusterSpec): Promise<BackendOperation | undefined> =>
      (this.busyUntil.get(cluster.tag) ?? 0) > Date.now() ? { status: `sim stack ${cluster.tag} UPDATE_IN_PROGRESS` } : undefined;
    const apply = async (cluster: ClusterSpec, plan: ApplyPlan, hooks: ApplyHooks) => {
      this.applies.push({ launch: plan.launch.length, terminate: plan.terminate.length, whileBusy: (await operationInProgress(cluster)) !== undefined });
      this.busyUntil.set(cluster.tag, Date.now() + BUSY_MS);
      await inner.apply(cluster, plan, hooks);
    };
    return Object.assign(Object.create(inner) as ProviderConnection, { apply, operationInProgress });
  }

  close(): Promise<void> {
    return this.sim.close();
  }
}

describe('a declarative provider: the whole plan in one apply, none while its operation runs (real PostgreSQL, Redis, BullMQ, HTTP)', () => {
  const provider = new DeclarativeSim();
  let app: TestApp;
  let tenant: TestTenant;
  let credential: string;

  beforeAll(async () => {
    // batches of 2 would split every plan below for an imperative provider
    app = await startTestApp({ adapters: [provider], env: { HERD_APPLY_BATCH_SIZE: '2', HERD_POLL_MAX_MS: '100' } });
    tenant = await app.newTenant();
    const created = await request(app.baseUrl).post('/v1/credentials').set('Authorization', tenant.auth).send({ name: 'declarative-sim', provider: 'sim', variant: 'declarative', parameters: {} });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    credential = created.body.id;
  });
  afterAll(async () => {
    await app?.close();
    await provider.close();
  });

  it('creates and scales a cluster with one apply per step, waiting out the backend operation before the next', async () => {
    const { id, operationId } = await requestCluster(app, tenant, {
      name: 'declarative',
      blueprint: 'hadoop-single-master',
      credential,
      hostGroups: [
        { name: 'master', nodeCount: 1, instanceType: 'medium' },
        { name: 'worker', nodeCount: 5, instanceType: 'small' },
      ],
    });
    const started = Date.now();
    expect(await settle(app, tenant, operationId)).toMatchObject({ status: 'succeeded' });
    // the nodes ran at once, yet the operation waited for the backend's own operation to end
    expect(Date.now() - started).toBeGreaterThanOrEqual(BUSY_MS);
    expect(provider.applies).toEqual([{ launch: 6, terminate: 0, whileBusy: false }]);

    const scale = await request(app.baseUrl).put(`/v1/clusters/${id}/host-groups/worker`).set('Authorization', tenant.auth).send({ nodeCount: 2 }).expect(202);
    expect(await settle(app, tenant, scale.body.operationId)).toMatchObject({ status: 'succeeded' });
    expect(provider.applies.slice(1)).toEqual([{ launch: 0, terminate: 3, whileBusy: false }]);
    expect((await getCluster(app, tenant, id)).status).toBe('AVAILABLE');

    const events = await request(app.baseUrl).get(`/v1/clusters/${id}/events?limit=500`).set('Authorization', tenant.auth).expect(200);
    expect(events.body.items.some((event: { message: string }) => event.message.includes(`sim stack ${id} UPDATE_IN_PROGRESS`))).toBe(true);
  });
});
