import type { HerdConfig } from '../../config/config';
import { redisSecrets } from '../../config/redis-config';
import { knownSecrets } from './known-secrets';

/** The password of a connection URL such as `postgres://herd:pw@db/herd`, if it has one. */
function passwordOf(url: string): string | undefined {
  try {
    const password = decodeURIComponent(new URL(url).password);
    return password === '' ? undefined : password;
  } catch {
    return undefined;
  }
}

/**
 * The secrets of herd's own configuration (master keys, the bootstrap admin key, the database
 * and Redis passwords, Sentinel's too), remembered so that no log line, answer or event can carry them.
 */
export function rememberConfiguredSecrets(config: Pick<HerdConfig, 'masterKey' | 'previousMasterKeys' | 'bootstrapAdminKey' | 'databaseUrl' | 'redisUrl' | 'redis'>): void {
  for (const key of [config.masterKey, ...config.previousMasterKeys]) knownSecrets.add(key.key.toString('base64'));
  for (const secret of [config.bootstrapAdminKey, passwordOf(config.databaseUrl), passwordOf(config.redisUrl), ...redisSecrets(config.redis)]) knownSecrets.add(secret);
}
