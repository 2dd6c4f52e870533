import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
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

/** A CA that signs certificate requests the way Magnum's does: the request's subject and key, for client use. */
export interface CertificateSigner {
  caPem: string;
  sign(csrPem: string): string;
}

/** The test engine's own CA (it signed the engine's server certificate): what Magnum's CA is to a Swarm cluster. */
export function dockerEngineCa(): CertificateSigner {
  return signerFor(join(TLS_DIR, 'ca.pem'), join(TLS_DIR, 'ca.key'));
}

/** A CA the engine has never heard of, made for this run. */
export function rogueCa(): CertificateSigner {
  const directory = mkdtempSync(join(tmpdir(), 'herd-rogue-ca-'));
  execFileSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', 'ca.key', '-out', 'ca.pem', '-days', '2', '-subj', '/CN=rogue-ca'], { cwd: directory, stdio: 'ignore' });
  return signerFor(join(directory, 'ca.pem'), join(directory, 'ca.key'));
}

function signerFor(caFile: string, keyFile: string): CertificateSigner {
  return {
    caPem: readFileSync(caFile, 'utf8'),
    sign(csrPem) {
      const directory = mkdtempSync(join(tmpdir(), 'herd-sign-'));
      try {
        writeFileSync(join(directory, 'request.csr'), csrPem);
        writeFileSync(join(directory, 'client.ext'), 'extendedKeyUsage=clientAuth\n');
        // -set_serial: no serial file written next to the shared CA
        const serial = `0x${randomBytes(16).toString('hex')}`;
        execFileSync('openssl', ['x509', '-req', '-in', 'request.csr', '-CA', caFile, '-CAkey', keyFile, '-set_serial', serial, '-days', '2', '-extfile', 'client.ext', '-out', 'client.pem'], {
          cwd: directory,
          stdio: 'ignore',
        });
        return readFileSync(join(directory, 'client.pem'), 'utf8');
      } finally {
        rmSync(directory, { recursive: true, force: true });
      }
    },
  };
}
