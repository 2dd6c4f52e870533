import { generateKeyPair, sign, X509Certificate, type KeyObject } from 'node:crypto';
import { promisify } from 'node:util';
import { AuthFailedError, FatalProviderError } from '../../spi';

const generateRsaKeyPair = promisify(generateKeyPair);

/** A client key pair and its PKCS#10 request; the key never leaves the process (and is never logged). */
export interface ClientKeyAndCsr {
  privateKey: KeyObject;
  /** PEM `CERTIFICATE REQUEST`, what Magnum's `POST /v1/certificates` signs. */
  csr: string;
}

/** The TLS material a Docker client needs for a COE, as PEM. */
export interface ClientTlsMaterial {
  ca: string;
  cert: string;
  key: string;
}

/** RSA 2048 like Magnum's own client (`openstack coe cluster config`); a subject CN only, no extensions. */
export async function newClientKeyAndCsr(commonName: string): Promise<ClientKeyAndCsr> {
  const { privateKey, publicKey } = await generateRsaKeyPair('rsa', { modulusLength: 2048 });
  const info = der(0x30, [
    der(0x02, [Buffer.from([0])]),
    subjectName(commonName),
    publicKey.export({ type: 'spki', format: 'der' }),
    der(0xa0, []),
  ]);
  const signature = sign('sha256', info, privateKey);
  const request = der(0x30, [info, SHA256_WITH_RSA, der(0x03, [Buffer.from([0]), signature])]);
  return { privateKey, csr: pem('CERTIFICATE REQUEST', request) };
}

/**
 * The material for the COE, after checking what Magnum returned: the client certificate must be
 * signed by the cluster's CA and carry our public key. Anything else is refused before any TLS
 * connection is tried, with words saying which part is wrong.
 */
export function clientTlsMaterial(cluster: string, caPem: string, certPem: string, privateKey: KeyObject): ClientTlsMaterial {
  const ca = parseCertificate(caPem, `the CA certificate Magnum returned for cluster ${cluster}`);
  const cert = parseCertificate(certPem, `the client certificate Magnum signed for cluster ${cluster}`);
  if (!cert.verify(ca.publicKey)) {
    throw new AuthFailedError(
      `The client certificate Magnum signed for cluster ${cluster} is not signed by the cluster's CA`,
      `certificate issuer "${cert.issuer.replace(/\n/g, ', ')}", cluster CA "${ca.subject.replace(/\n/g, ', ')}"`,
    );
  }
  if (!cert.checkPrivateKey(privateKey)) {
    throw new AuthFailedError(`The client certificate Magnum signed for cluster ${cluster} does not carry herd's public key`);
  }
  if (Date.parse(cert.validTo) < Date.now()) {
    throw new AuthFailedError(`The client certificate Magnum signed for cluster ${cluster} expired on ${cert.validTo}`);
  }
  return { ca: caPem, cert: certPem, key: privateKey.export({ type: 'pkcs8', format: 'pem' }) as string };
}

function parseCertificate(text: string, what: string): X509Certificate {
  try {
    return new X509Certificate(text);
  } catch (error) {
    throw new FatalProviderError(`Magnum returned no valid PEM certificate as ${what}`, (error as Error).message, { cause: error });
  }
}

// DER, just enough of it for one PKCS#10 request (RFC 2986).
const SHA256_WITH_RSA = der(0x30, [oid([1, 2, 840, 113549, 1, 1, 11]), der(0x05, [])]);
const COMMON_NAME = oid([2, 5, 4, 3]);

function subjectName(commonName: string): Buffer {
  const value = der(0x0c, [Buffer.from(commonName, 'utf8')]);
  return der(0x30, [der(0x31, [der(0x30, [COMMON_NAME, value])])]);
}

function oid(arcs: number[]): Buffer {
  const bytes = [40 * arcs[0] + arcs[1]];
  for (const arc of arcs.slice(2)) {
    const base128 = [arc & 0x7f];
    for (let rest = arc >>> 7; rest > 0; rest >>>= 7) base128.unshift((rest & 0x7f) | 0x80);
    bytes.push(...base128);
  }
  return der(0x06, [Buffer.from(bytes)]);
}

function der(tag: number, parts: Buffer[]): Buffer {
  const content = Buffer.concat(parts);
  return Buffer.concat([Buffer.from([tag]), derLength(content.length), content]);
}

function derLength(length: number): Buffer {
  if (length < 0x80) return Buffer.from([length]);
  const bytes: number[] = [];
  for (let rest = length; rest > 0; rest >>>= 8) bytes.unshift(rest & 0xff);
  return Buffer.from([0x80 | bytes.length, ...bytes]);
}

function pem(label: string, body: Buffer): string {
  const lines = body.toString('base64').match(/.{1,64}/g) ?? [];
  return `-----BEGIN ${label}-----\n${lines.join('\n')}\n-----END ${label}-----\n`;
}
