import http from 'node:http';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, TestApp, TestTenant } from '../support/test-app';
import { clusterBody, requestCluster, settle, simCredential } from '../support/clusters';

interface SseEvent {
  id: string;
  event: string;
  data: { message: string };
}

/** Reads `count` events from the stream, then disconnects. */
function readEvents(baseUrl: string, path: string, auth: string, count: number, lastEventId?: string): Promise<SseEvent[]> {
  return new Promise((resolve, reject) => {
    const events: SseEvent[] = [];
    const req = http.get(baseUrl + path, { headers: { Authorization: auth, Accept: 'text/event-stream', ...(lastEventId ? { 'Last-Event-ID': lastEventId } : {}) } }, (res) => {
      if (res.statusCode !== 200) return reject(new Error(`stream answered ${res.statusCode}`));
      expect(res.headers['content-type']).toMatch(/text\/event-stream/);
      let buffer = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => {
        buffer += chunk;
        let end: number;
        while ((end = buffer.indexOf('\n\n')) >= 0) {
          const block = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          if (block.startsWith(':')) continue;
          const fields = Object.fromEntries(block.split('\n').map((line) => [line.slice(0, line.indexOf(':')), line.slice(line.indexOf(':') + 2)]));
          events.push({ id: fields.id!, event: fields.event!, data: JSON.parse(fields.data!) });
          if (events.length === count) {
            req.destroy();
            resolve(events);
          }
        }
      });
    });
    req.on('error', (error) => (events.length === count ? undefined : reject(error)));
    setTimeout(() => {
      req.destroy();
      reject(new Error(`only ${events.length} of ${count} events arrived`));
    }, 20_000);
  });
}

describe('cluster events over Server-Sent Events', () => {
  let app: TestApp;
  let tenant: TestTenant;

  beforeAll(async () => {
    app = await startTestApp();
    tenant = await app.newTenant();
  });
  afterAll(async () => {
    await app?.close();
  });

  it('streams live events and resumes after Last-Event-ID without loss or repeat', async () => {
    const credential = await simCredential(app, tenant, { latencyMs: 30 });
    const { id, operationId } = await requestCluster(app, tenant, clusterBody(credential, 3));
    const path = `/v1/clusters/${id}/events/stream`;
    const first = await readEvents(app.baseUrl, path, tenant.auth, 3);
    expect(first[0]!.data.message).toMatch(/requested/);
    await settle(app, tenant, operationId);

    const all = await request(app.baseUrl).get(`/v1/clusters/${id}/events?limit=500`).set('Authorization', tenant.auth).expect(200);
    const expected = all.body.items.slice(3).map((event: { id: string }) => event.id);
    const resumed = await readEvents(app.baseUrl, path, tenant.auth, expected.length, first[2]!.id);
    expect(resumed.map((event) => event.id)).toEqual(expected);
    expect(resumed.at(-1)!.data.message).toMatch(/-> AVAILABLE/);
  });

  it('wakes a connected stream through Redis when new events are written', async () => {
    const credential = await simCredential(app, tenant);
    const { id, operationId } = await requestCluster(app, tenant, clusterBody(credential, 1));
    await settle(app, tenant, operationId);
    const total = (await request(app.baseUrl).get(`/v1/clusters/${id}/events`).set('Authorization', tenant.auth).expect(200)).body.total as number;
    const lastId = (await request(app.baseUrl).get(`/v1/clusters/${id}/events?offset=${total - 1}`).set('Authorization', tenant.auth).expect(200)).body.items[0].id;
    const live = readEvents(app.baseUrl, `/v1/clusters/${id}/events/stream`, tenant.auth, 1, lastId);
    await new Promise((resolve) => setTimeout(resolve, 200));
    const stop = await request(app.baseUrl).post(`/v1/clusters/${id}/stop`).set('Authorization', tenant.auth).expect(202);
    const [event] = await live;
    expect(event!.data.message).toMatch(/Stop requested/);
    await settle(app, tenant, stop.body.operationId);
  });

  it('refuses another tenant\'s stream and a malformed Last-Event-ID', async () => {
    const credential = await simCredential(app, tenant);
    const { id, operationId } = await requestCluster(app, tenant, clusterBody(credential, 1));
    const stranger = await app.newTenant();
    await request(app.baseUrl).get(`/v1/clusters/${id}/events/stream`).set('Authorization', stranger.auth).expect(404);
    await request(app.baseUrl).get(`/v1/clusters/${id}/events/stream`).set('Authorization', tenant.auth).set('Last-Event-ID', 'x').expect(400);
    await settle(app, tenant, operationId);
  });
});
