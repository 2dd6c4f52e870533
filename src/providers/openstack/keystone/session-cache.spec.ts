import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { AuthFailedError } from '../../spi';
import type { OpenStackCredentials } from './credentials';
import { TOKEN_RENEW_MARGIN_MS } from './session';
import { KeystoneSessionCache } from './session-cache';

/**
 * A stand-in Keystone and compute service: counts the tokens it issues, accepts only tokens it has
 * not revoked, answers an unscoped token to the user `unscoped`, and holds `/slow` until released.
 */
let server: Server;
let base = '';
let issued = 0;
let valid = new Set<string>();
let tokenDelayMs = 0;
let releaseSlow: () => void = () => undefined;
let slowHeld = Promise.resolve();

function handler(req: IncomingMessage, res: ServerResponse) {
  let raw = '';
  req.on('data', (chunk) => (raw += chunk));
  req.on('end', async () => {
    if (req.url === '/v3/auth/tokens' && req.method === 'POST') {
      const user = JSON.parse(raw).auth.identity.password.user.name;
      await new Promise((resolve) => setTimeout(resolve, tokenDelayMs));
      issued++;
      const value = `tok-${issued}`;
      valid.add(value);
      const catalog = user === 'unscoped' ? [] : [{ type: 'compute', endpoints: [{ interface: 'public', url: `${base}/compute` }] }];
      res.writeHead(201, { 'Content-Type': 'application/json', 'X-Subject-Token': value });
      res.end(JSON.stringify({ token: { expires_at: new Date(Date.now() + 3_600_000).toISOString(), catalog } }));
      return;
    }
    const token = String(req.headers['x-auth-token']);
    if (req.url === '/compute/slow') await slowHeld;
    res.writeHead(valid.has(token) ? 200 : 401, { 'Content-Type': 'application/json' });
    res.end(JSON.stringify({ token }));
  });
}

beforeAll(async () => {
  server = createServer(handler);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));
beforeEach(() => {
  issued = 0;
  valid = new Set();
  tokenDelayMs = 0;
});

const creds = (overrides: Partial<OpenStackCredentials> = {}): OpenStackCredentials => ({
  authUrl: base,
  username: 'alice',
  password: 'first',
  userDomainName: 'Default',
  projectName: 'demo',
  ...overrides,
});

describe('KeystoneSessionCache', () => {
  it('hands every connect with the same parameters, in any key order, one session and one token', async () => {
    const cache = new KeystoneSessionCache();
    const first = cache.sessionFor(creds());
    const reordered = Object.fromEntries(Object.entries(creds()).reverse()) as unknown as OpenStackCredentials;
    expect(cache.sessionFor(reordered)).toBe(first);
    await first.request('compute', { path: '/servers' });
    await cache.sessionFor(creds()).request('compute', { path: '/servers' });
    expect(issued).toBe(1);
  });

  it('gives a rotated password, and another region, a session and a token of their own', async () => {
    const cache = new KeystoneSessionCache();
    const before = await cache.sessionFor(creds()).getToken();
    const rotated = await cache.sessionFor(creds({ password: 'second' })).getToken();
    expect(cache.sessionFor(creds({ regionName: 'R2' }))).not.toBe(cache.sessionFor(creds()));
    expect(rotated.value).not.toBe(before.value);
    expect(issued).toBe(2);
  });

  it('reuses a token until the renewal margin before its expiry, then issues a new one', async () => {
    let now = Date.now();
    const cache = new KeystoneSessionCache(256, () => now);
    const token = await cache.sessionFor(creds()).getToken();
    now = token.expiresAt - TOKEN_RENEW_MARGIN_MS - 1;
    expect((await cache.sessionFor(creds()).getToken()).value).toBe(token.value);
    now = token.expiresAt - TOKEN_RENEW_MARGIN_MS;
    expect((await cache.sessionFor(creds()).getToken()).value).not.toBe(token.value);
    expect(issued).toBe(2);
  });

  it('lets concurrent first connects share one authentication', async () => {
    tokenDelayMs = 150;
    const cache = new KeystoneSessionCache();
    const answers = await Promise.all(Array.from({ length: 10 }, () => cache.sessionFor(creds()).request('compute', { path: '/servers' })));
    expect(answers.map((answer) => answer.status)).toEqual(Array(10).fill(200));
    expect(issued).toBe(1);
  });

  it('drops the least recently used session beyond its capacity, and the dropped one authenticates again', async () => {
    const cache = new KeystoneSessionCache(2);
    const a = cache.sessionFor(creds({ username: 'a' }));
    const b = cache.sessionFor(creds({ username: 'b' }));
    await Promise.all([a.getToken(), b.getToken()]);
    cache.sessionFor(creds({ username: 'a' }));
    cache.sessionFor(creds({ username: 'c' }));
    expect(cache.sessionFor(creds({ username: 'a' }))).toBe(a);
    const bAgain = cache.sessionFor(creds({ username: 'b' }));
    expect(bAgain).not.toBe(b);
    await bAgain.getToken();
    expect(issued).toBe(3);
  });

  it('re-authenticates once when a service refuses the token, and a 401 arriving late keeps the token issued since', async () => {
    const cache = new KeystoneSessionCache();
    const revoked = await cache.sessionFor(creds()).getToken();
    slowHeld = new Promise((resolve) => (releaseSlow = resolve));
    const late = cache.sessionFor(creds()).request('compute', { path: '/slow' });
    valid.delete(revoked.value);
    const renewed = await cache.sessionFor(creds()).request('compute', { path: '/servers' });
    expect(renewed.body).toEqual({ token: 'tok-2' });
    releaseSlow();
    expect((await late).body).toEqual({ token: 'tok-2' });
    expect(issued).toBe(2);
  });

  it('keeps no unscoped token: every use fails with AuthFailed and asks Keystone again', async () => {
    const cache = new KeystoneSessionCache();
    for (let attempt = 0; attempt < 2; attempt++) {
      await expect(cache.sessionFor(creds({ username: 'unscoped' })).request('compute', { path: '/servers' })).rejects.toBeInstanceOf(AuthFailedError);
    }
    expect(issued).toBe(2);
  });
});
