import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** Where scripts/docker-engine.sh keeps the engine's TLS material, and the port of its TLS listener. */
const TLS_DIR = process.env.HERD_TEST_DOCKER_TLS_DIR ?? '/run/herd-docker/tls';
const TLS_PORT = Number(process.env.HERD_TEST_DOCKER_TLS_PORT ?? 23760);

export interface TlsMaterial {
  ca: string;
  cert: string;
  key: string;
}

export interface DockerTlsEndpoint {
  host: string;
  port: number;
  /** The client certificate the engine accepts, and the CA that signed the engine's certificate. */
  client: TlsMaterial;
  /** A client certificate from another CA, which the engine (--tlsverify) refuses. */
  rogue: TlsMaterial;
}

/** The test engine's TLS endpoint (`dockerd --tlsverify` on 127.0.0.1), plus a rogue client certificate made here. */
export function dockerTlsEndpoint(): DockerTlsEndpoint {
  const read = (name: string) => readFileSync(join(TLS_DIR, name), 'utf8');
  const client = { ca: read('ca.pem'), cert: read('client.pem'), key: read('client.key') };
  return { host: '127.0.0.1', port: TLS_PORT, client, rogue: { ...rogueClient(), ca: client.ca } };
}

function rogueClient(): { cert: string; key: string } {
  const directory = mkdtempSync(join(tmpdir(), 'herd-rogue-'));
  try {
    const openssl = (args: string[]) => execFileSync('openssl', args, { cwd: directory, stdio: 'ignore' });
    openssl(['req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes', '-keyout', 'rogue-ca.key', '-out', 'rogue-ca.pem', '-days', '2', '-subj', '/CN=rogue-ca']);
    openssl(['req', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes', '-keyout', 'rogue.key', '-out', 'rogue.csr', '-subj', '/CN=rogue']);
    writeFileSync(join(directory, 'rogue.ext'), 'extendedKeyUsage=clientAuth\n');
    openssl(['x509', '-req', '-in', 'rogue.csr', '-CA', 'rogue-ca.pem', '-CAkey', 'rogue-ca.key', '-CAcreateserial', '-out', 'rogue.pem', '-days', '2', '-extfile', 'rogue.ext']);
    return { cert: readFileSync(join(directory, 'rogue.pem'), 'utf8'), key: readFileSync(join(directory, 'rogue.key'), 'utf8') };
  } finally {
    rmSync(directory, { recursive: true, force: true });
  }
}
