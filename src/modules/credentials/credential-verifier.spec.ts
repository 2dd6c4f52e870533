import { describe, expect, it } from 'vitest';
import { ProviderRegistry } from '../../providers/registry';
import { SIM_DESCRIPTOR } from '../../providers/sim';
import { AuthFailedError, ProviderAdapter, RetryableProviderError, VerifyResult } from '../../providers/spi';
import { CredentialVerifier } from './credential-verifier';

const unused = async (): Promise<never> => {
  throw new Error('not used');
};

function verifierWith(verify: () => Promise<VerifyResult>, egressRefuses = false): CredentialVerifier {
  const adapter: ProviderAdapter = {
    descriptor: SIM_DESCRIPTOR,
    connect: () => ({ verify, prerequisites: unused, describe: unused, apply: unused, teardown: unused, power: { stop: unused, start: unused } }),
  };
  const egress = { check: async () => (egressRefuses ? [{ field: 'endpoint', reason: 'is a link-local address' }] : []), refusal: async () => undefined };
  return new CredentialVerifier(ProviderRegistry.create([{ source: 'test', adapters: [adapter] }], egress));
}

const credential = { id: 'c1', name: 'c', provider: 'sim', variant: 'default', parameters: { accessToken: 'tok-verifier-secret' } };

describe('CredentialVerifier', () => {
  it('passes the adapter answer through', async () => {
    await expect(verifierWith(async () => ({ ok: true, message: 'Simulator reachable' })).verify(credential)).resolves.toEqual({ ok: true, message: 'Simulator reachable' });
  });

  it('explains provider errors in words', async () => {
    const rejected = await verifierWith(async () => {
      throw new AuthFailedError('token expired', 'HTTP 401');
    }).verify(credential);
    expect(rejected).toEqual({ ok: false, message: 'The provider rejected the credential: token expired (the provider said: HTTP 401)' });
    const unreachable = await verifierWith(async () => {
      throw new RetryableProviderError('connection refused');
    }).verify(credential);
    expect(unreachable).toEqual({ ok: false, message: 'The provider could not be reached, try again later: connection refused' });
  });

  it('gives up on a provider that does not answer', async () => {
    const result = await verifierWith(() => new Promise<VerifyResult>(() => undefined)).verify(credential, 20);
    expect(result.ok).toBe(false);
    expect(result.message).toMatch(/did not answer within/);
  });

  it('reports an endpoint refused by the egress policy', async () => {
    const result = await verifierWith(async () => ({ ok: true, message: 'never reached' }), true).verify(credential);
    expect(result).toEqual({ ok: false, message: "herd may not connect there: herd's egress policy refuses endpoint (is a link-local address)" });
  });

  it('does not repeat the text of an unexpected error, which might quote a secret', async () => {
    const result = await verifierWith(async () => {
      throw new TypeError('cannot use tok-verifier-secret');
    }).verify(credential);
    expect(result).toEqual({ ok: false, message: 'The sim/default provider failed unexpectedly while checking the credential (TypeError)' });
  });
});
