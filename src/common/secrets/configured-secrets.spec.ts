import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { rememberConfiguredSecrets } from './configured-secrets';
import { knownSecrets, REDACTED } from './known-secrets';

describe('configured secrets', () => {
  it('scrubs the master keys, the bootstrap admin key and the database and Redis passwords once remembered', () => {
    const masterKey = randomBytes(32);
    const previous = randomBytes(32);
    const line = (dbPassword: string) =>
      `boot: key ${masterKey.toString('base64')} was ${previous.toString('base64')}, admin admin-key-0123456789, db ${dbPassword}, redis redis-pw-0123456789`;
    const before = line('db-pw-0123456789');
    expect(knownSecrets.scrub(before)).toBe(before);

    rememberConfiguredSecrets({
      masterKey: { id: 'k1', key: masterKey },
      previousMasterKeys: [{ id: 'k0', key: previous }],
      bootstrapAdminKey: 'admin-key-0123456789',
      databaseUrl: 'postgres://herd:db-pw-0123456789@127.0.0.1:5432/herd',
      redisUrl: 'redis://:redis-pw-0123456789@127.0.0.1:6379',
      redis: { mode: 'single', url: 'redis://:redis-pw-0123456789@127.0.0.1:6379' },
    });
    expect(knownSecrets.scrub(before)).toBe(`boot: key ${REDACTED} was ${REDACTED}, admin ${REDACTED}, db ${REDACTED}, redis ${REDACTED}`);
  });

  it('scrubs the Redis and Sentinel passwords of a Sentinel topology', () => {
    const line = 'auth redis-node-pw-0123456789 sentinel sentinel-pw-0123456789';
    rememberConfiguredSecrets({
      masterKey: { id: 'k', key: randomBytes(32) },
      previousMasterKeys: [],
      bootstrapAdminKey: undefined,
      databaseUrl: 'postgres://127.0.0.1/test',
      redisUrl: 'redis://127.0.0.1:6379',
      redis: { mode: 'sentinel', sentinels: [{ host: '127.0.0.1', port: 26379 }], masterName: 'herd', password: 'redis-node-pw-0123456789', sentinelPassword: 'sentinel-pw-0123456789' },
    });
    expect(knownSecrets.scrub(line)).toBe(`auth ${REDACTED} sentinel ${REDACTED}`);
  });

  it('accepts URLs without a password and a missing admin key', () => {
    expect(() => rememberConfiguredSecrets({ masterKey: { id: 'k', key: randomBytes(32) }, previousMasterKeys: [], bootstrapAdminKey: undefined, databaseUrl: 'postgres://127.0.0.1/test', redisUrl: 'not a url', redis: { mode: 'single', url: 'not a url' } })).not.toThrow();
  });
});
