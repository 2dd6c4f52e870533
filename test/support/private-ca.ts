import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** A private CA made for one test run, with a server certificate for 127.0.0.1 and a client certificate, all PEM. */
export interface PrivateCa {
  /** Where the files are: ca.pem, server.pem, server.key, client.pem, client.key. */
  directory: string;
  ca: string;
  server: { cert: string; key: string };
  client: { cert: string; key: string };
  remove(): void;
}

/** Made by Debian's `openssl` into a fresh temporary folder; `remove()` deletes it. */
export function makePrivateCa(): PrivateCa {
  const directory = mkdtempSync(join(tmpdir(), 'herd-private-ca-'));
  const openssl = (args: string[]) => execFileSync('openssl', args, { cwd: directory, stdio: 'ignore' });
  const ec = ['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes'];
  openssl(['req', '-x509', ...ec, '-keyout', 'ca.key', '-out', 'ca.pem', '-days', '2', '-subj', '/CN=herd-test-private-ca']);
  const issue = (name: string, subject: string, extensions: string) => {
    writeFileSync(join(directory, `${name}.ext`), extensions);
    openssl(['req', ...ec, '-keyout', `${name}.key`, '-out', `${name}.csr`, '-subj', subject]);
    openssl(['x509', '-req', '-in', `${name}.csr`, '-CA', 'ca.pem', '-CAkey', 'ca.key', '-CAcreateserial', '-out', `${name}.pem`, '-days', '2', '-extfile', `${name}.ext`]);
  };
  issue('server', '/CN=127.0.0.1', 'subjectAltName=IP:127.0.0.1\nextendedKeyUsage=serverAuth\n');
  issue('client', '/CN=herd-client', 'extendedKeyUsage=clientAuth\n');
  const read = (name: string) => readFileSync(join(directory, name), 'utf8');
  return {
    directory,
    ca: read('ca.pem'),
    server: { cert: read('server.pem'), key: read('server.key') },
    client: { cert: read('client.pem'), key: read('client.key') },
    remove: () => rmSync(directory, { recursive: true, force: true }),
  };
}
