import type { Cluster, Redis } from 'ioredis';
import { withinRedisDeadline } from './redis-deadline';

/** Two deployments (two databases) found writing under one Redis prefix. */
export class SharedRedisPrefix extends Error {
  constructor(prefix: string, theirs: string, ours: string) {
    super(
      `Redis prefix "${prefix}" belongs to another herd deployment (${theirs}; this one is ${ours}): its workers would take this deployment's jobs and drop them. Give each deployment its own HERD_REDIS_PREFIX or Redis`,
    );
    this.name = 'SharedRedisPrefix';
  }
}

export function deploymentKey(prefix: string): string {
  return `${prefix}:deployment`;
}

/**
 * Marks the Redis prefix as this deployment's, or throws SharedRedisPrefix when another
 * deployment marked it first. A Redis that lost its keys is simply marked again.
 */
export async function markDeployment(redis: Redis | Cluster, prefix: string, deploymentId: string): Promise<void> {
  const key = deploymentKey(prefix);
  await withinRedisDeadline(redis.set(key, deploymentId, 'NX'), 'the deployment mark');
  const owner = await withinRedisDeadline(redis.get(key), 'the deployment mark');
  if (owner !== null && owner !== deploymentId) throw new SharedRedisPrefix(prefix, owner, deploymentId);
}
