import { describe, expect, it } from 'vitest';
import { KnownSecrets, REDACTED } from './known-secrets';

const SECRET = 'S3cr3t pa$$/word+ü"x';

function scrubberWith(...secrets: string[]): KnownSecrets {
  const known = new KnownSecrets();
  for (const secret of secrets) known.add(secret);
  return known;
}

describe('KnownSecrets', () => {
  it.each([
    ['as is', (s: string) => `Keystone said: bad password ${s} for user`],
    ['JSON-escaped', (s: string) => JSON.stringify({ body: { password: s } })],
    ['URL-encoded', (s: string) => `POST /auth?password=${encodeURIComponent(s)}&x=1`],
    ['form-encoded', (s: string) => `password=${encodeURIComponent(s).replace(/%20/g, '+')}`],
    ['base64 on its own', (s: string) => `token ${Buffer.from(s).toString('base64')}`],
    ['base64 inside a Basic header, at every alignment', (s: string) => ['a', 'ab', 'abc'].map((user) => `Basic ${Buffer.from(`${user}:${s}`).toString('base64')}`).join(' ')],
    ['base64url', (s: string) => Buffer.from(`xy:${s}`).toString('base64url')],
    ['JSON-escaped twice', (s: string) => JSON.stringify(JSON.stringify({ password: s }))],
  ])('takes a secret out %s', (_form, spell) => {
    const text = spell(SECRET);
    const scrubbed = scrubberWith(SECRET).scrub(text);
    expect(scrubbed).toContain(REDACTED);
    expect(scrubbed).not.toContain(SECRET);
    expect(scrubbed).not.toContain(encodeURIComponent(SECRET));
    expect(scrubbed).not.toContain(Buffer.from(SECRET).toString('base64').slice(2, -2));
  });

  it('leaves text without secrets, and secrets too short to tell from words, alone', () => {
    const known = scrubberWith('abc', SECRET);
    expect(known.scrub('abc is fine, and so is this sentence')).toBe('abc is fine, and so is this sentence');
  });

  it('removes herd API keys and PEM private keys whoever sent them', () => {
    const key = `herd_${'A'.repeat(43)}`;
    const pem = '-----BEGIN RSA PRIVATE KEY-----\nMIIEow\n-----END RSA PRIVATE KEY-----';
    expect(new KnownSecrets().scrub(`key ${key} and ${pem}.`)).toBe(`key ${REDACTED} and ${REDACTED}.`);
  });

  it('scrubs every string of a JSON value and keeps its shape', () => {
    const known = scrubberWith(SECRET);
    expect(known.scrubJson({ a: [`x ${SECRET}`, 3], b: { c: SECRET, d: null } })).toEqual({ a: [`x ${REDACTED}`, 3], b: { c: REDACTED, d: null } });
  });

  it('forgets the oldest secrets beyond its capacity, not the newest', () => {
    const known = new KnownSecrets();
    for (let i = 0; i < 5001; i++) known.add(`secret-number-${i}`);
    expect(known.scrub('secret-number-5000')).toBe(REDACTED);
    expect(known.scrub('secret-number-0')).toBe('secret-number-0');
  });
});
