import { createServer, connect, type Server } from 'node:net';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dockerProvider } from '../../src/providers/docker';
import { ENGINE_START_TIMEOUT_MS, ensureDockerEngine } from '../support/docker-engine';
import { dockerTlsEndpoint, type DockerTlsEndpoint } from '../support/docker-tls';

/** Pipes TCP to the engine's TLS port and counts the connections opened through it. */
function startCountingProxy(host: string, port: number): Promise<{ port: number; connections(): number; server: Server }> {
  let connections = 0;
  const server = createServer((client) => {
    connections++;
    const engine = connect(port, host);
    client.pipe(engine).pipe(client);
    client.on('error', () => engine.destroy());
    engine.on('error', () => client.destroy());
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve({ port: (server.address() as AddressInfo).port, connections: () => connections, server })));
}

describe('Docker connects to one TLS endpoint', () => {
  let tls: DockerTlsEndpoint;
  let proxy: Awaited<ReturnType<typeof startCountingProxy>>;
  beforeAll(async () => {
    await ensureDockerEngine();
    tls = dockerTlsEndpoint();
    proxy = await startCountingProxy(tls.host, tls.port);
  }, ENGINE_START_TIMEOUT_MS);
  afterAll(() => {
    proxy?.server.close();
  });

  it('reuse one TLS connection for the same certificates, and never lend it to other certificates', async () => {
    for (let attempt = 0; attempt < 5; attempt++) {
      expect(await dockerProvider.connect({ host: '127.0.0.1', port: proxy.port, tls: tls.client }).verify()).toMatchObject({ ok: true });
    }
    expect(proxy.connections()).toBe(1);
    expect(await dockerProvider.connect({ host: '127.0.0.1', port: proxy.port, tls: tls.rogue }).verify()).toMatchObject({ ok: false });
    expect(proxy.connections()).toBe(2);
  });
});
