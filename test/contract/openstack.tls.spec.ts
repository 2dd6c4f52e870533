import { Logger } from '@nestjs/common';
import { request as httpRequest } from 'node:http';
import { createServer, type Server, type ServerOptions } from 'node:https';
import type { AddressInfo } from 'node:net';
import type { TLSSocket } from 'node:tls';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { NovaAdapter } from '../../src/providers/openstack/nova/nova.provider';
import { ProviderRegistry } from '../../src/providers/registry';
import { AuthFailedError, FatalProviderError } from '../../src/providers/spi';
import { CredentialVerifier } from '../../src/modules/credentials/credential-verifier';
import { makePrivateCa, type PrivateCa } from '../support/private-ca';
import { openstackTestEnv, skipMessage, type OpenStackTestEnv } from './openstack-env';

const probe = openstackTestEnv();
if (probe.reason) skipMessage(probe.reason);

/**
 * An HTTPS front for the real Keystone on a loopback port, with a certificate from a private CA:
 * what a cloud with its own CA looks like to herd. It relays every request unchanged; the catalog
 * still names the services' plain-HTTP endpoints. It records which client certificates it saw.
 */
interface KeystoneFront {
  authUrl: string;
  server: Server;
  clientSubjects: string[];
  close(): Promise<void>;
}

async function keystoneFront(keystone: URL, tls: ServerOptions): Promise<KeystoneFront> {
  const clientSubjects: string[] = [];
  const server = createServer(tls, (req, res) => {
    const peer = (req.socket as TLSSocket).getPeerCertificate();
    if (peer?.subject) clientSubjects.push(peer.subject.CN as string);
    const upstream = httpRequest({ host: keystone.hostname, port: keystone.port, method: req.method, path: req.url, headers: { ...req.headers, host: keystone.host } }, (answer) => {
      const { connection: _hop, 'keep-alive': _alive, ...headers } = answer.headers;
      res.writeHead(answer.statusCode ?? 502, headers);
      answer.pipe(res);
    });
    upstream.on('error', () => res.destroy());
    req.pipe(upstream);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    authUrl: `https://127.0.0.1:${port}/v3`,
    server,
    clientSubjects,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

const openConnections = (server: Server) => new Promise<number>((resolve, reject) => server.getConnections((error, count) => (error ? reject(error) : resolve(count))));

describe.skipIf(!probe.env)('OpenStack TLS per credential, against the real Keystone behind an HTTPS front', () => {
  const env = probe.env as OpenStackTestEnv;
  let ca: PrivateCa;
  let front: KeystoneFront;
  let mutual: KeystoneFront;

  beforeAll(async () => {
    ca = makePrivateCa();
    const keystone = new URL(env.user.authUrl);
    front = await keystoneFront(keystone, { cert: ca.server.cert, key: ca.server.key });
    mutual = await keystoneFront(keystone, { cert: ca.server.cert, key: ca.server.key, ca: ca.ca, requestCert: true, rejectUnauthorized: true });
  });
  afterAll(async () => {
    await front?.close();
    await mutual?.close();
    ca?.remove();
  });

  it('authenticates through the private CA given as cacert, and closes the agent with the last connection', async () => {
    const adapter = new NovaAdapter();
    const connection = adapter.connect({ ...env.user, authUrl: front.authUrl, cacert: ca.ca });
    const verdict = await connection.verify();
    expect(verdict).toMatchObject({ ok: true, message: expect.stringMatching(/Keystone accepted the credential \(project herd-test\)/) });
    expect(await openConnections(front.server)).toBe(1);
    await connection.close();
    await vi.waitFor(async () => expect(await openConnections(front.server)).toBe(0));
  });

  it('without cacert the call fails as a TLS verification error that is not retried, and verify says so in words', async () => {
    const error = await new NovaAdapter().connect({ ...env.user, authUrl: front.authUrl }).verify().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(FatalProviderError);
    expect((error as FatalProviderError).retryable).toBe(false);
    expect((error as Error).message).toMatch(new RegExp(`TLS verification of POST ${front.authUrl}/auth/tokens failed: UNABLE_TO_VERIFY_LEAF_SIGNATURE .*give the server's CA bundle as the credential's cacert`));

    const verifier = new CredentialVerifier(ProviderRegistry.create([{ source: 'test', adapters: [new NovaAdapter()] }]));
    const result = await verifier.verify({ id: 'c1', name: 'private-ca', provider: 'openstack', variant: 'nova', parameters: { ...env.user, authUrl: front.authUrl } });
    expect(result.ok).toBe(false);
    expect(result.message).toMatch(/^The check failed: TLS verification of .* failed: UNABLE_TO_VERIFY_LEAF_SIGNATURE/);
    expect(result.message).not.toContain(env.user.password);
  });

  it('a CA that did not sign the server certificate is refused too', async () => {
    const stranger = makePrivateCa();
    try {
      const error = await new NovaAdapter().connect({ ...env.user, authUrl: front.authUrl, cacert: stranger.ca }).verify().catch((e: unknown) => e);
      expect(error).toBeInstanceOf(FatalProviderError);
      expect((error as Error).message).toMatch(/TLS verification of .* failed/);
    } finally {
      stranger.remove();
    }
  });

  it('insecure: true skips verification, with one warning per credential', async () => {
    const warn = vi.spyOn(Logger.prototype, 'warn').mockImplementation(() => undefined);
    try {
      const adapter = new NovaAdapter();
      const parameters = { ...env.user, authUrl: front.authUrl, insecure: true };
      for (let i = 0; i < 2; i++) {
        const connection = adapter.connect(parameters);
        expect((await connection.verify()).ok).toBe(true);
        await connection.close();
      }
      const warnings = warn.mock.calls.filter(([, message]) => /insecure/.test(String(message)));
      expect(warnings).toHaveLength(1);
      expect(JSON.stringify(warnings)).not.toContain(env.user.password);
    } finally {
      warn.mockRestore();
    }
  });

  it('a front that demands a client certificate accepts cert + key and refuses a connection without them', async () => {
    const withCert = new NovaAdapter().connect({ ...env.user, authUrl: mutual.authUrl, cacert: ca.ca, cert: ca.client.cert, key: ca.client.key });
    expect((await withCert.verify()).ok).toBe(true);
    expect(mutual.clientSubjects).toContain('herd-client');
    await withCert.close();

    const error = await new NovaAdapter().connect({ ...env.user, authUrl: mutual.authUrl, cacert: ca.ca }).verify().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AuthFailedError);
    expect((error as Error).message).toMatch(/refused the TLS handshake \(ERR_SSL_TLSV13_ALERT_CERTIFICATE_REQUIRED\).*give it as the credential's cert and key/);
  });
});
