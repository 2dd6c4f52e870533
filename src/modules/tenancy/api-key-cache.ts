import type { ApiKey } from './api-key.entity';

/**
 * How long a key row read for authentication is reused without asking PostgreSQL again: the
 * bound on how late another process sees a revocation. The revoking process forgets the key at
 * once, and expiry is checked against the cached row on every request, so it is exact.
 */
export const API_KEY_CACHE_TTL_MS = 5_000;
const MAX_ENTRIES = 10_000;

/** Key rows by the hash of their secret, for a short time; only found keys are kept. */
export class ApiKeyCache {
  private readonly entries = new Map<string, { key: ApiKey; until: number }>();

  constructor(
    private readonly ttlMs = API_KEY_CACHE_TTL_MS,
    private readonly now: () => number = Date.now,
  ) {}

  get(keyHash: string): ApiKey | undefined {
    const entry = this.entries.get(keyHash);
    if (!entry) return undefined;
    if (entry.until > this.now()) return entry.key;
    this.entries.delete(keyHash);
    return undefined;
  }

  set(keyHash: string, key: ApiKey): void {
    if (this.entries.size >= MAX_ENTRIES) this.entries.delete(this.entries.keys().next().value!);
    this.entries.set(keyHash, { key, until: this.now() + this.ttlMs });
  }

  forgetKey(keyId: string): void {
    for (const [hash, entry] of this.entries) if (entry.key.id === keyId) this.entries.delete(hash);
  }
}
