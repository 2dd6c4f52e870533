import { createHash, randomBytes } from 'node:crypto';

export function hashApiKey(key: string): string {
  return createHash('sha256').update(key, 'utf8').digest('hex');
}

/** A new key: 32 random bytes, recognisable by its prefix. */
export function generateApiKey(): string {
  return `herd_${randomBytes(32).toString('base64url')}`;
}

export function prefixOf(key: string): string {
  return key.slice(0, 12);
}
