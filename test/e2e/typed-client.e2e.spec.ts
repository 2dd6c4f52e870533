import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHerdClient, HerdApiError, ok } from '../../clients/typescript/src';
import { createCluster } from '../../examples/client/create-cluster';
import { simCredential } from '../support/clusters';
import { startTestApp, TestApp, TestTenant } from '../support/test-app';

/** The typed client and the documented example program, against a real herd on the sim. */
describe('the typed client', () => {
  let app: TestApp;
  let tenant: TestTenant;

  beforeAll(async () => {
    app = await startTestApp({ env: { HERD_RATE_LIMIT_PER_MINUTE: '120', HERD_RATE_LIMIT_BURST: '40' } });
    tenant = await app.newTenant();
  });
  afterAll(async () => {
    await app?.close();
  });

  it('runs the example program: creates a cluster, waits for it, answers its endpoints', { timeout: 120_000 }, async () => {
    const credential = await simCredential(app, tenant);
    const endpoints = await createCluster(app.baseUrl, tenant.key, credential, `typed-${randomUUID().slice(0, 8)}`);
    expect(endpoints.map((line) => line.split(' ')[0]).sort()).toEqual(['NAMENODE', 'RESOURCEMANAGER']);
    expect(endpoints.every((line) => /^\w+ http:\/\/\S+$/.test(line)), endpoints.join('\n')).toBe(true);
  });

  it("throws herd's error body for a failed call", async () => {
    const herd = createHerdClient({ baseUrl: app.baseUrl, apiKey: tenant.key });
    const failure = await ok(herd.GET('/v1/operations/{id}', { params: { path: { id: randomUUID() } } })).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(HerdApiError);
    expect((failure as HerdApiError).status).toBe(404);
    expect((failure as HerdApiError).body).toMatchObject({ code: 'NOT_FOUND', statusCode: 404 });
    expect((failure as HerdApiError).body?.correlationId).toMatch(/\S/);
  });

  it('waits out 429 answers by their Retry-After instead of failing', { timeout: 60_000 }, async () => {
    const herd = createHerdClient({ baseUrl: app.baseUrl, apiKey: (await app.newTenant()).key });
    const statuses: number[] = [];
    const counting = createHerdClient({
      baseUrl: app.baseUrl,
      apiKey: (await app.newTenant()).key,
      fetch: async (request) => {
        const response = await fetch(request);
        statuses.push(response.status);
        return response;
      },
    });
    const reads = await Promise.all(Array.from({ length: 45 }, () => ok(counting.GET('/v1/me'))));
    expect(reads).toHaveLength(45);
    expect(statuses.filter((status) => status === 429).length).toBeGreaterThan(0);
    expect(await ok(herd.GET('/v1/me'))).toMatchObject({ role: 'member' });
  });
});
