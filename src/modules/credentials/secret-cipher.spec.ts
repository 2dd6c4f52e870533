import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { SecretCipher, SecretUnreadable } from './secret-cipher';

const keyA = { id: 'a', key: randomBytes(32) };
const keyB = { id: 'b', key: randomBytes(32) };
const row = { tenantId: '11111111-1111-4111-8111-111111111111', credentialId: '22222222-2222-4222-8222-222222222222' };
const secret = Buffer.from('{"accessToken":"very-secret"}');

describe('SecretCipher', () => {
  it('decrypts what it encrypted, tagged with the current key id', () => {
    const cipher = new SecretCipher(keyA);
    const sealed = cipher.seal(secret, row);
    expect(sealed.keyId).toBe('a');
    expect(sealed.envelope.includes(secret)).toBe(false);
    expect(cipher.open(sealed, row)).toEqual(secret);
  });

  it('uses a fresh IV each time, so equal secrets give different ciphertexts', () => {
    const cipher = new SecretCipher(keyA);
    expect(cipher.seal(secret, row).envelope.equals(cipher.seal(secret, row).envelope)).toBe(false);
  });

  it.each([
    ['the IV', 1],
    ['the auth tag', 13],
    ['the ciphertext', 29],
  ])('detects a flipped bit in %s', (_, offset) => {
    const cipher = new SecretCipher(keyA);
    const sealed = cipher.seal(secret, row);
    sealed.envelope[offset]! ^= 0x01;
    expect(() => cipher.open(sealed, row)).toThrow(/authentication failed/);
  });

  it('refuses a truncated envelope and an unknown format version', () => {
    const cipher = new SecretCipher(keyA);
    const sealed = cipher.seal(secret, row);
    expect(() => cipher.open({ ...sealed, envelope: sealed.envelope.subarray(0, 20) }, row)).toThrow(/format/);
    const versioned = Buffer.from(sealed.envelope);
    versioned[0] = 9;
    expect(() => cipher.open({ ...sealed, envelope: versioned }, row)).toThrow(/format/);
  });

  it('fails with the wrong key under the same id', () => {
    const sealed = new SecretCipher(keyA).seal(secret, row);
    expect(() => new SecretCipher({ id: 'a', key: randomBytes(32) }).open(sealed, row)).toThrow(SecretUnreadable);
  });

  it('names an unknown key id instead of guessing', () => {
    const sealed = new SecretCipher(keyA).seal(secret, row);
    expect(() => new SecretCipher(keyB).open(sealed, row)).toThrow(/master key "a".*HERD_PREVIOUS_MASTER_KEYS/);
  });

  it('still reads secrets sealed under a previous key, and seals new ones under the current key', () => {
    const old = new SecretCipher(keyA).seal(secret, row);
    const rotated = new SecretCipher(keyB, [keyA]);
    expect(rotated.open(old, row)).toEqual(secret);
    expect(rotated.seal(secret, row).keyId).toBe('b');
  });

  it('binds the ciphertext to its credential and tenant: moved to another row it does not decrypt', () => {
    const cipher = new SecretCipher(keyA);
    const sealed = cipher.seal(secret, row);
    expect(() => cipher.open(sealed, { ...row, credentialId: '33333333-3333-4333-8333-333333333333' })).toThrow(/authentication failed/);
    expect(() => cipher.open(sealed, { ...row, tenantId: '44444444-4444-4444-8444-444444444444' })).toThrow(/authentication failed/);
  });

  it('binds the key id: relabelling the envelope with another known key fails', () => {
    const sealed = new SecretCipher(keyA).seal(secret, row);
    const both = new SecretCipher(keyB, [{ id: 'a', key: keyB.key }]);
    expect(() => both.open(sealed, row)).toThrow(SecretUnreadable);
  });
});
