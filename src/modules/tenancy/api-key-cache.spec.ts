import { describe, expect, it } from 'vitest';
import type { ApiKey } from './api-key.entity';
import { ApiKeyCache } from './api-key-cache';

const key = (id: string): ApiKey => ({ id, tenantId: 't', role: 'viewer', keyHash: `hash-${id}`, keyPrefix: 'p', expiresAt: null, revokedAt: null }) as unknown as ApiKey;

describe('ApiKeyCache', () => {
  it('reuses a key row for its time to live and no longer', () => {
    let now = 1_000;
    const cache = new ApiKeyCache(5_000, () => now);
    cache.set('hash-a', key('a'));
    now += 4_999;
    expect(cache.get('hash-a')?.id).toBe('a');
    now += 1;
    expect(cache.get('hash-a')).toBeUndefined();
  });

  it('forgets a revoked key at once, and only that key', () => {
    const cache = new ApiKeyCache(5_000, () => 0);
    cache.set('hash-a', key('a'));
    cache.set('hash-b', key('b'));
    cache.forgetKey('a');
    expect(cache.get('hash-a')).toBeUndefined();
    expect(cache.get('hash-b')?.id).toBe('b');
  });

  it('knows nothing of keys it was not given', () => {
    expect(new ApiKeyCache().get('hash-unknown')).toBeUndefined();
  });
});
