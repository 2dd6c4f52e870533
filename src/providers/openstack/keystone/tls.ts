import { createPrivateKey, X509Certificate } from 'node:crypto';
import { connect as tlsConnect, type ConnectionOptions } from 'node:tls';
import { Agent } from 'undici';
import { AuthFailedError, FatalProviderError, type ProviderError } from '../../spi';
import type { OpenStackCredentials } from './credentials';

/** The TLS part of an OpenStack credential: PEM texts and whether to skip verification. */
export type OpenStackTls = Pick<OpenStackCredentials, 'cacert' | 'cert' | 'key' | 'insecure'>;

const PEM_BLOCK = /-----BEGIN ([A-Z0-9 ]+)-----[\s\S]+?-----END \1-----/g;

/**
 * What is wrong with the credential's PEM fields, naming the field, or undefined when they parse:
 * `cacert` one or more certificates, `cert` a certificate, `key` a private key that matches `cert`.
 * The reason never quotes the key.
 */
export function tlsProblem(tls: OpenStackTls): { field: 'cacert' | 'cert' | 'key'; reason: string } | undefined {
  if (tls.cacert !== undefined) {
    const blocks = certificatesIn(tls.cacert);
    if (typeof blocks === 'string') return { field: 'cacert', reason: blocks };
  }
  if ((tls.cert === undefined) !== (tls.key === undefined)) {
    return tls.cert === undefined ? { field: 'cert', reason: 'is required with key (the client certificate for the key)' } : { field: 'key', reason: 'is required with cert (the private key of the client certificate)' };
  }
  if (tls.cert === undefined || tls.key === undefined) return undefined;
  const certs = certificatesIn(tls.cert);
  if (typeof certs === 'string') return { field: 'cert', reason: certs };
  let key;
  try {
    key = createPrivateKey(tls.key);
  } catch {
    return { field: 'key', reason: 'is not a PEM private key (-----BEGIN PRIVATE KEY----- …, unencrypted)' };
  }
  if (!certs[0].checkPrivateKey(key)) return { field: 'key', reason: 'does not belong to the certificate in cert' };
  return undefined;
}

function certificatesIn(text: string): X509Certificate[] | string {
  const blocks = text.match(PEM_BLOCK) ?? [];
  if (blocks.length === 0) return 'is not PEM text (-----BEGIN CERTIFICATE----- …)';
  const certificates: X509Certificate[] = [];
  for (const [index, block] of blocks.entries()) {
    if (!block.startsWith('-----BEGIN CERTIFICATE-----')) continue;
    try {
      certificates.push(new X509Certificate(block));
    } catch {
      return `PEM block ${index + 1} is not a valid certificate`;
    }
  }
  return certificates.length ? certificates : 'holds no certificate (-----BEGIN CERTIFICATE----- …)';
}

/**
 * The HTTP agent of one credential: its CA bundle instead of the system's, its client certificate,
 * or no verification at all. Throws FatalProviderError naming the field when a PEM field is bad.
 */
export function credentialAgent(tls: OpenStackTls): Agent {
  const problem = tlsProblem(tls);
  if (problem) throw new FatalProviderError(`the credential's ${problem.field} ${problem.reason}`, `invalid ${problem.field}`);
  return new Agent({ connect: tlsOptions(tls) });
}

/** The settings every TLS connection of the credential uses. */
function tlsOptions(tls: OpenStackTls): ConnectionOptions {
  return {
    ...(tls.cacert ? { ca: tls.cacert } : {}),
    ...(tls.cert && tls.key ? { cert: tls.cert, key: tls.key } : {}),
    rejectUnauthorized: tls.insecure !== true,
  };
}

/** OpenSSL's verdicts on the server's certificate: the chain or the name does not check out. */
const SERVER_CERTIFICATE_CODES = new Set([
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'UNABLE_TO_GET_ISSUER_CERT',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
  'SELF_SIGNED_CERT_IN_CHAIN',
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'CERT_HAS_EXPIRED',
  'CERT_NOT_YET_VALID',
  'CERT_UNTRUSTED',
  'CERT_REJECTED',
  'CERT_SIGNATURE_FAILURE',
  'ERR_TLS_CERT_ALTNAME_INVALID',
  'HOSTNAME_MISMATCH',
]);

/** TLS alerts a server sends when it refuses the client's certificate, or the lack of one. */
const CLIENT_CERTIFICATE_ALERT = /ALERT_(CERTIFICATE_REQUIRED|BAD_CERTIFICATE|UNKNOWN_CA|CERTIFICATE_UNKNOWN|CERTIFICATE_REVOKED|CERTIFICATE_EXPIRED|HANDSHAKE_FAILURE|ACCESS_DENIED)$/;

/**
 * A TLS failure in words, as a non-retryable provider error (another attempt meets the same
 * certificate), or undefined when the network error is not about certificates.
 */
export function tlsFailure(code: string | undefined, message: string, where: string): ProviderError | undefined {
  if (!code) return undefined;
  if (SERVER_CERTIFICATE_CODES.has(code)) {
    return new FatalProviderError(
      `TLS verification of ${where} failed: ${code} (${message}); give the server's CA bundle as the credential's cacert, or set insecure: true to skip verification`,
      `${code} ${message}`,
    );
  }
  if (CLIENT_CERTIFICATE_ALERT.test(code)) {
    return new AuthFailedError(
      `${where} refused the TLS handshake (${code}): it asks for a client certificate it accepts; give it as the credential's cert and key`,
      `${code} ${message}`,
    );
  }
  return undefined;
}

/**
 * Why a server closed an HTTPS connection before answering, when the reason is a TLS alert about
 * herd's client certificate. Under TLS 1.3 the server checks the client's certificate after the
 * client considers the handshake done, and the HTTP client only sees the connection close; a
 * fresh handshake with the same settings reads the alert. Undefined when no alert comes within
 * `timeoutMs` (the close had another cause).
 */
export function clientCertificateAlert(url: string, tls: OpenStackTls, timeoutMs = 2000): Promise<{ code: string; message: string } | undefined> {
  const target = new URL(url);
  if (target.protocol !== 'https:') return Promise.resolve(undefined);
  return new Promise((resolve) => {
    const socket = tlsConnect({
      host: target.hostname.replace(/^\[(.*)\]$/, '$1'),
      port: Number(target.port || 443),
      servername: /^[\d.]+$|:/.test(target.hostname) ? undefined : target.hostname,
      ...tlsOptions(tls),
    });
    const done = (found?: { code: string; message: string }) => {
      clearTimeout(timer);
      socket.destroy();
      resolve(found);
    };
    const timer = setTimeout(() => done(), timeoutMs);
    socket.on('error', (error: NodeJS.ErrnoException) => done(error.code && CLIENT_CERTIFICATE_ALERT.test(error.code) ? { code: error.code, message: error.message.split('\n')[0] } : undefined));
    socket.on('data', () => done());
    socket.on('end', () => done());
  });
}
