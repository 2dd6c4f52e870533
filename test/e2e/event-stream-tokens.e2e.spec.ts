import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { clusterBody, requestCluster, settle, simCredential } from '../support/clusters';
import { ApiKeyService } from '../../src/modules/tenancy/api-key.service';
import { startTestApp, TestApp, TestTenant } from '../support/test-app';

/** Opens a stream as a browser's EventSource does (no Authorization header) and returns its status and first event block. */
async function openAsBrowser(baseUrl: string, url: string): Promise<{ status: number; firstEvent?: string }> {
  const abort = new AbortController();
  const response = await fetch(baseUrl + url, { headers: { Accept: 'text/event-stream' }, signal: abort.signal });
  if (response.status !== 200) return { status: response.status };
  const reader = response.body!.getReader();
  let text = '';
  while (!/^event: .*$/m.test(text)) text += new TextDecoder().decode((await reader.read()).value);
  abort.abort();
  return { status: 200, firstEvent: text };
}

describe('event streams a browser can open', () => {
  let app: TestApp;
  let tenant: TestTenant;
  let clusterId: string;
  let otherClusterId: string;

  beforeAll(async () => {
    app = await startTestApp({ env: { HERD_STREAM_TOKEN_TTL_MS: '1500' } });
    tenant = await app.newTenant();
    const credential = await simCredential(app, tenant);
    const first = await requestCluster(app, tenant, clusterBody(credential, 1));
    const second = await requestCluster(app, tenant, clusterBody(credential, 1));
    await settle(app, tenant, first.operationId);
    await settle(app, tenant, second.operationId);
    clusterId = first.id;
    otherClusterId = second.id;
  });
  afterAll(async () => {
    await app?.close();
  });

  const tokenFor = async (id: string, auth = tenant.auth) => (await request(app.baseUrl).post(`/v1/clusters/${id}/events/stream-tokens`).set('Authorization', auth).expect(200)).body;

  it('opens the stream of its own cluster with the token in the query, and no header', async () => {
    const viewer = `Bearer ${await tenant.keyWithRole('viewer')}`;
    const issued = await tokenFor(clusterId, viewer);
    expect(issued.streamUrl).toBe(`/v1/clusters/${clusterId}/events/stream?access_token=${issued.token}`);
    expect(issued.token).not.toContain(viewer.slice('Bearer '.length));
    const opened = await openAsBrowser(app.baseUrl, issued.streamUrl);
    expect(opened.status).toBe(200);
    expect(opened.firstEvent).toMatch(/^data: .*requested/m);
    expect((await openAsBrowser(app.baseUrl, `/v1/clusters/${clusterId}/events/stream`)).status).toBe(401);
  });

  it('refuses a token on another stream or route, a tampered token, and an API key in the URL', async () => {
    const { token } = await tokenFor(clusterId);
    expect((await openAsBrowser(app.baseUrl, `/v1/clusters/${otherClusterId}/events/stream?access_token=${token}`)).status).toBe(401);
    expect((await openAsBrowser(app.baseUrl, `/v1/clusters/${clusterId}/events?access_token=${token}`)).status).toBe(401);
    expect((await openAsBrowser(app.baseUrl, `/v1/clusters/${clusterId}?access_token=${token}`)).status).toBe(401);
    const tampered = `${token.slice(0, -2)}${token.endsWith('AA') ? 'BB' : 'AA'}`;
    expect((await openAsBrowser(app.baseUrl, `/v1/clusters/${clusterId}/events/stream?access_token=${tampered}`)).status).toBe(401);
    const apiKey = tenant.auth.slice('Bearer '.length);
    expect((await openAsBrowser(app.baseUrl, `/v1/clusters/${clusterId}/events/stream?access_token=${apiKey}`)).status).toBe(401);
  });

  it('refuses a token after it expires, and once its key is revoked', async () => {
    const expiring = await tokenFor(clusterId);
    await new Promise((resolve) => setTimeout(resolve, 1_600));
    expect((await openAsBrowser(app.baseUrl, expiring.streamUrl)).status).toBe(401);

    const apiKeys = app.herd.context.get(ApiKeyService);
    const { key, secret } = await apiKeys.issue(tenant.tenantId, 'viewer', null);
    const revocable = await tokenFor(clusterId, `Bearer ${secret}`);
    await apiKeys.revoke(key);
    expect((await openAsBrowser(app.baseUrl, revocable.streamUrl)).status).toBe(401);
  });

  it("is a 404 for another tenant's cluster", async () => {
    const stranger = await app.newTenant();
    await request(app.baseUrl).post(`/v1/clusters/${clusterId}/events/stream-tokens`).set('Authorization', stranger.auth).expect(404);
  });
});
