import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { AuthFailedError, ConflictError, NotFoundError, QuotaExceededError, RetryableProviderError, ThrottledError } from '../../spi';
import { KeystoneSession, TOKEN_RENEW_MARGIN_MS } from './session';

/** A stand-in for Keystone + one service, counting token requests and answering scripted statuses. */
let server: Server;
let base = '';
let issued = 0;
let validToken = '';
let next: { status: number; body: unknown; headers?: Record<string, string> }[] = [];
let expiresInMs = 3_600_000;
let seenAuth: unknown;

function handler(req: IncomingMessage, res: ServerResponse) {
  let raw = '';
  req.on('data', (c) => (raw += c));
  req.on('end', () => {
    if (req.url === '/v3/auth/tokens' && req.method === 'POST') {
      seenAuth = JSON.parse(raw);
      issued++;
      validToken = `tok-${issued}`;
      res.writeHead(201, { 'Content-Type': 'application/json', 'X-Subject-Token': validToken });
      res.end(
        JSON.stringify({
          token: {
            expires_at: new Date(Date.now() + expiresInMs).toISOString(),
            project: { id: 'p1', name: 'demo' },
            catalog: [
              { type: 'compute', endpoints: [
                { interface: 'public', region_id: 'R2', url: `${base}/wrong-region` },
                { interface: 'public', region_id: 'R1', url: `${base}/compute/` },
                { interface: 'internal', region_id: 'R1', url: `${base}/internal` },
              ] },
            ],
          },
        }),
      );
      return;
    }
    if (req.headers['x-auth-token'] !== validToken) {
      res.writeHead(401, { 'Content-Type': 'application/json' });
      res.end(JSON.stringify({ error: { code: 401, message: 'The request you have made requires authentication.' } }));
      return;
    }
    const answer = next.shift() ?? { status: 200, body: { path: req.url } };
    res.writeHead(answer.status, { 'Content-Type': 'application/json', ...answer.headers });
    res.end(JSON.stringify(answer.body));
  });
}

beforeAll(async () => {
  server = createServer(handler);
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((r) => server.close(() => r())));
beforeEach(() => {
  issued = 0;
  next = [];
  expiresInMs = 3_600_000;
});

const creds = () => ({ authUrl: base, username: 'u', password: 'p', projectName: 'demo', userDomainName: 'Default', regionName: 'R1' });

describe('KeystoneSession', () => {
  it('sends password auth scoped to the project and picks the endpoint by interface and region', async () => {
    const s = new KeystoneSession(creds());
    const res = await s.request('compute', { path: '/servers' });
    expect(res.body).toEqual({ path: '/compute/servers' });
    expect(seenAuth).toEqual({
      auth: {
        identity: { methods: ['password'], password: { user: { name: 'u', domain: { name: 'Default' }, password: 'p' } } },
        scope: { project: { name: 'demo', domain: { name: 'Default' } } },
      },
    });
    const internal = new KeystoneSession({ ...creds(), interface: 'internal' });
    expect(await internal.endpoint('compute')).toBe(`${base}/internal`);
  });

  it('sends an application credential without a scope', async () => {
    const s = new KeystoneSession({ authUrl: `${base}/v3`, authType: 'v3applicationcredential', applicationCredentialId: 'ac1', applicationCredentialSecret: 'sec' });
    await s.getToken();
    expect(seenAuth).toEqual({ auth: { identity: { methods: ['application_credential'], application_credential: { id: 'ac1', secret: 'sec' } } } });
  });

  it('reuses the token until shortly before expiry', async () => {
    let now = Date.now();
    const s = new KeystoneSession(creds(), () => now);
    await s.request('compute', { path: '/a' });
    await s.request('compute', { path: '/b' });
    expect(issued).toBe(1);
    now += 3_600_000 - TOKEN_RENEW_MARGIN_MS + 1000;
    await s.request('compute', { path: '/c' });
    expect(issued).toBe(2);
  });

  it('renews the token once on 401 and fails with AuthFailed when the service still refuses', async () => {
    const s = new KeystoneSession(creds());
    await s.getToken();
    validToken = 'revoked-elsewhere';
    await expect(s.request('compute', { path: '/x' })).resolves.toMatchObject({ status: 200 });
    expect(issued).toBe(2);
    next = [{ status: 401, body: { error: { message: 'token rejected' } } }, { status: 401, body: { error: { message: 'still rejected' } } }];
    const error = await s.request('compute', { path: '/y' }).catch((e) => e);
    expect(error).toBeInstanceOf(AuthFailedError);
    expect(error.backendMessage).toBe('still rejected');
  });

  it.each([
    [409, { conflictingRequest: { message: 'Cannot stop while in vm_state stopped', code: 409 } }, ConflictError, 'Cannot stop while in vm_state stopped'],
    [404, { itemNotFound: { message: 'Instance x could not be found.', code: 404 } }, NotFoundError, 'Instance x could not be found.'],
    [403, { forbidden: { message: 'Quota exceeded for instances: Requested 5, but already used 10 of 10 instances', code: 403 } }, QuotaExceededError, 'Quota exceeded for instances: Requested 5, but already used 10 of 10 instances'],
    [413, { overLimit: { message: 'Quota exceeded for cores', code: 413 } }, QuotaExceededError, 'Quota exceeded for cores'],
    [429, { overLimit: { message: 'This request was rate-limited.', code: 429 } }, ThrottledError, 'This request was rate-limited.'],
    [503, { error: { message: 'Service Unavailable', type: 'X' }, explanation: 'try later' }, RetryableProviderError, 'Service Unavailable'],
    [400, { errors: [{ title: 'Bad Request', detail: 'node_count must be >= 1' }] }, Error, 'node_count must be >= 1'],
  ])('maps HTTP %i to the SPI error with the backend message', async (status, body, type, message) => {
    const s = new KeystoneSession(creds());
    next = [{ status, body }];
    const error = await s.request('compute', { path: '/z' }).catch((e) => e);
    expect(error).toBeInstanceOf(type);
    expect(error.backendMessage).toBe(message);
  });

  it('reads Retry-After on 429', async () => {
    const s = new KeystoneSession(creds());
    next = [{ status: 429, body: { overLimit: { message: 'slow down' } }, headers: { 'Retry-After': '7' } }];
    const error = await s.request('compute', { path: '/z' }).catch((e) => e);
    expect(error).toBeInstanceOf(ThrottledError);
    expect(error.retryAfterMs).toBe(7000);
  });

  it('turns a refused connection and a timeout into retryable errors', async () => {
    const dead = new KeystoneSession({ ...creds(), authUrl: 'http://127.0.0.1:9' });
    await expect(dead.getToken()).rejects.toBeInstanceOf(RetryableProviderError);
    const hang = createServer(() => undefined);
    await new Promise<void>((r) => hang.listen(0, '127.0.0.1', r));
    const slow = new KeystoneSession({ ...creds(), authUrl: `http://127.0.0.1:${(hang.address() as AddressInfo).port}`, timeoutMs: 200 });
    const error = await slow.getToken().catch((e) => e);
    hang.closeAllConnections();
    hang.close();
    expect(error).toBeInstanceOf(RetryableProviderError);
    expect(error.message).toMatch(/no answer within 200 ms/);
  });

});
