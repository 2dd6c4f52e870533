import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AuthFailedError, FatalProviderError } from '../../spi';
import { clientTlsMaterial, newClientKeyAndCsr, type ClientKeyAndCsr } from './magnum.client-certificate';

/** A throw-away CA made with openssl, standing in for Magnum's signer. */
function makeCa(directory: string, name: string): { pem: string; sign(csr: string): string } {
  const openssl = (args: string[], input?: string) => execFileSync('openssl', args, { cwd: directory, input, stdio: ['pipe', 'pipe', 'ignore'] }).toString();
  openssl(['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', `${name}.key`, '-out', `${name}.pem`, '-days', '2', '-subj', `/CN=${name}`]);
  return {
    pem: readFileSync(join(directory, `${name}.pem`), 'utf8'),
    sign: (csr) => {
      writeFileSync(join(directory, 'request.csr'), csr);
      return openssl(['x509', '-req', '-in', 'request.csr', '-CA', `${name}.pem`, '-CAkey', `${name}.key`, '-set_serial', String(Date.now()), '-days', '1']);
    },
  };
}

describe('client certificate for a COE', () => {
  let directory: string;
  let request: ClientKeyAndCsr;
  beforeAll(async () => {
    directory = mkdtempSync(join(tmpdir(), 'herd-csr-'));
    request = await newClientKeyAndCsr('herd');
  });
  afterAll(() => rmSync(directory, { recursive: true, force: true }));

  it('makes a PKCS#10 request that openssl parses and whose signature verifies', () => {
    const out = execFileSync('openssl', ['req', '-verify', '-noout', '-subject', '-text'], { input: request.csr, stdio: ['pipe', 'pipe', 'pipe'] }).toString();
    expect(out).toMatch(/subject=CN ?= ?herd/);
    expect(out).toMatch(/Public-Key: \(2048 bit\)/);
    expect(out).toMatch(/sha256WithRSAEncryption/);
  });

  it('accepts a certificate the cluster CA signed for our key, and hands back the key as PEM', () => {
    const ca = makeCa(directory, 'cluster-ca');
    const material = clientTlsMaterial('c1', ca.pem, ca.sign(request.csr), request.privateKey);
    expect(material.ca).toBe(ca.pem);
    expect(material.key).toMatch(/^-----BEGIN PRIVATE KEY-----/);
  });

  it('refuses a certificate signed by another CA, naming both', () => {
    const ca = makeCa(directory, 'cluster-ca');
    const rogue = makeCa(directory, 'rogue-ca');
    const error = (() => {
      try {
        clientTlsMaterial('c1', ca.pem, rogue.sign(request.csr), request.privateKey);
      } catch (caught) {
        return caught as AuthFailedError;
      }
    })();
    expect(error).toBeInstanceOf(AuthFailedError);
    expect(error?.message).toBe("The client certificate Magnum signed for cluster c1 is not signed by the cluster's CA");
    expect(error?.backendMessage).toBe('certificate issuer "CN=rogue-ca", cluster CA "CN=cluster-ca"');
  });

  it("refuses a certificate for someone else's key", async () => {
    const ca = makeCa(directory, 'cluster-ca');
    const other = await newClientKeyAndCsr('other');
    expect(() => clientTlsMaterial('c1', ca.pem, ca.sign(other.csr), request.privateKey)).toThrow(/does not carry herd's public key/);
  });

  it('says which certificate is not a certificate', () => {
    expect(() => clientTlsMaterial('c1', 'not a pem', 'x', request.privateKey)).toThrow(FatalProviderError);
    expect(() => clientTlsMaterial('c1', 'not a pem', 'x', request.privateKey)).toThrow('Magnum returned no valid PEM certificate as the CA certificate Magnum returned for cluster c1');
  });
});
