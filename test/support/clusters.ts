import type { Queue } from 'bullmq';
import request from 'supertest';
import { expect } from 'vitest';
import { HERD_CONFIG, HerdConfig } from '../../src/config/config';
import { JobQueues } from '../../src/queue/job-queues';
import { REDIS } from '../../src/queue/redis.module';
import { SimStore } from '../../src/providers/sim/sim.store';
import type { SimParameters } from '../../src/providers/sim/sim.descriptor';
import type { TestApp, TestTenant } from './test-app';
import { waitForQueuesToDrain } from './queue-drain';

export const BLUEPRINT = 'hadoop-single-master';

export async function simCredential(app: TestApp, tenant: TestTenant, parameters: SimParameters = {}, name = `sim-${Math.random().toString(36).slice(2, 10)}`): Promise<string> {
  const res = await request(app.baseUrl).post('/v1/credentials').set('Authorization', tenant.auth).send({ name, provider: 'sim', parameters });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body.id as string;
}

export function clusterBody(credential: string, workers = 2, overrides: Record<string, unknown> = {}) {
  return {
    name: `c-${Math.random().toString(36).slice(2, 10)}`,
    blueprint: BLUEPRINT,
    credential,
    hostGroups: [
      { name: 'master', nodeCount: 1, instanceType: 'medium' },
      { name: 'worker', nodeCount: workers, instanceType: 'small' },
    ],
    ...overrides,
  };
}

/** POSTs a cluster and expects 202. */
export async function requestCluster(app: TestApp, tenant: TestTenant, body: Record<string, unknown>): Promise<{ id: string; operationId: string }> {
  const res = await request(app.baseUrl).post('/v1/clusters').set('Authorization', tenant.auth).send(body);
  expect(res.status, JSON.stringify(res.body)).toBe(202);
  return { id: res.body.cluster.id, operationId: res.body.operationId };
}

export async function getCluster(app: TestApp, tenant: TestTenant, id: string) {
  const res = await request(app.baseUrl).get(`/v1/clusters/${id}`).set('Authorization', tenant.auth);
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return res.body;
}

/** Waits for an operation to end and returns it. */
export async function settle(app: TestApp, tenant: TestTenant, operationId: string, timeoutMs = 45_000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const res = await request(app.baseUrl).get(`/v1/operations/${operationId}`).set('Authorization', tenant.auth);
    expect(res.status).toBe(200);
    if (!['queued', 'running'].includes(res.body.status)) return res.body;
    if (Date.now() > deadline) throw new Error(`operation ${operationId} still ${res.body.status} (${res.body.step}) after ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** The names of the nodes the sim holds for a cluster (its tag is the cluster id). */
export async function simNodeNames(app: TestApp, clusterId: string): Promise<string[]> {
  const config = app.herd.context.get<symbol, HerdConfig>(HERD_CONFIG);
  const store = new SimStore(app.herd.context.get(REDIS), config.redisPrefix);
  return (await store.nodes(clusterId)).map((state) => state.record.name).sort();
}

/** A host of the sim crashes behind herd's back (ERROR, its components failed), as a cloud loses a VM. */
export async function crashSimNode(app: TestApp, clusterId: string, nodeName: string): Promise<void> {
  const config = app.herd.context.get<symbol, HerdConfig>(HERD_CONFIG);
  await new SimStore(app.herd.context.get(REDIS), config.redisPrefix).crash(clusterId, [nodeName], Date.now());
}

export function operationQueues(app: TestApp): Queue[] {
  return [app.herd.context.get(JobQueues).queue('operations')];
}

export function drain(app: TestApp, stallMs = 20_000): Promise<void> {
  return waitForQueuesToDrain(operationQueues(app), { stallMs });
}

export function nodeCount(cluster: { hostGroups: { nodes: unknown[] }[] }): number {
  return cluster.hostGroups.reduce((sum, group) => sum + group.nodes.length, 0);
}
