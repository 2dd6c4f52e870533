import { ClientRequest, IncomingMessage, request } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { clusterBody, requestCluster, simCredential } from '../support/clusters';
import { startTestApp, TestApp, TestTenant } from '../support/test-app';
import { until } from '../support/until';

/**
 * A graceful stop of the API (what SIGTERM runs) answers the requests already in flight, ends the
 * open event streams instead of waiting out the grace for them, and then takes no new connections.
 */
describe('API shutdown', () => {
  let app: TestApp;
  let tenant: TestTenant;
  let clusterId: string;

  beforeAll(async () => {
    // A grace far longer than the test: the shutdown must not wait for it.
    app = await startTestApp({ role: 'api', env: { HERD_SHUTDOWN_GRACE_MS: '600000' } });
    tenant = await app.newTenant('member');
    ({ id: clusterId } = await requestCluster(app, tenant, clusterBody(await simCredential(app, tenant))));
  });
  afterAll(async () => {
    // The test's shutdown already closed the app; a failed test leaves it open.
    if (app?.herd.http.getHttpServer().listening) await app.close();
  });

  it('answers a request whose body arrives after the shutdown began, ends event streams, then refuses connections', async () => {
    const stream = await openEventStream(`/v1/clusters/${clusterId}/events/stream`);
    const streamEnded = new Promise<void>((resolve) => stream.once('end', resolve));
    stream.resume();

    const body = JSON.stringify(clusterBody('no-such-credential'));
    const late = send('POST', '/v1/clusters/validate', body.length);
    late.request.write(body.slice(0, 10));
    await new Promise((resolve) => late.request.once('socket', (socket) => socket.once('connect', resolve)));

    const stopped = app.herd.shutdown();
    const server = app.herd.http.getHttpServer();
    await until('the server to stop listening', async () => server.listening, (listening) => !listening);
    late.request.end(body.slice(10));

    const answer = await late.answer;
    expect(answer.status).toBe(400);
    expect(JSON.parse(answer.text)).toMatchObject({ code: 'VALIDATION_FAILED', details: [{ field: 'credential' }] });
    await streamEnded;
    await stopped;
    await expect(fetch(`${app.baseUrl}/health`)).rejects.toThrow();
  });

  function send(method: string, path: string, contentLength?: number): { request: ClientRequest; answer: Promise<{ status: number; text: string }> } {
    const { port } = new URL(app.baseUrl);
    const headers: Record<string, string | number> = { authorization: tenant.auth, 'content-type': 'application/json' };
    if (contentLength !== undefined) headers['content-length'] = contentLength;
    const outgoing = request({ host: '127.0.0.1', port, method, path, headers });
    const answer = new Promise<{ status: number; text: string }>((resolve, reject) => {
      outgoing.on('response', (response) => {
        let text = '';
        response.on('data', (chunk: Buffer) => (text += chunk.toString()));
        response.on('end', () => resolve({ status: response.statusCode ?? 0, text }));
      });
      outgoing.on('error', reject);
    });
    return { request: outgoing, answer };
  }

  async function openEventStream(path: string): Promise<IncomingMessage> {
    const { port } = new URL(app.baseUrl);
    const outgoing = request({ host: '127.0.0.1', port, path, headers: { authorization: tenant.auth, accept: 'text/event-stream' } });
    outgoing.end();
    const [response] = await new Promise<[IncomingMessage]>((resolve, reject) => {
      outgoing.once('response', (incoming) => resolve([incoming]));
      outgoing.once('error', reject);
    });
    expect(response.statusCode).toBe(200);
    return response;
  }
});
