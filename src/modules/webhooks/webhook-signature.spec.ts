import { describe, expect, it } from 'vitest';
import { signatureHeader, signatureValid } from './webhook-signature';

describe('webhook signatures', () => {
  const body = JSON.stringify({ kind: 'cluster.status' });
  const now = 1_764_300_000;

  it('verifies with the secret that signed the body', () => {
    expect(signatureValid('whsec_a', body, signatureHeader('whsec_a', body, now), now + 10)).toBe(true);
  });

  it('refuses another secret, another body and a timestamp outside five minutes', () => {
    const header = signatureHeader('whsec_a', body, now);
    expect(signatureValid('whsec_b', body, header, now)).toBe(false);
    expect(signatureValid('whsec_a', `${body} `, header, now)).toBe(false);
    expect(signatureValid('whsec_a', body, header, now + 301)).toBe(false);
    expect(signatureValid('whsec_a', body, header.replace(`t=${now}`, `t=${now + 1}`), now)).toBe(false);
  });
});
