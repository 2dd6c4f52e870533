import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './config';

function problemsOf(env: Record<string, string>): string {
  try {
    loadConfig(env);
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return (error as ConfigError).message;
  }
  throw new Error('the configuration was accepted');
}

describe('loadConfig: Redis topologies', () => {
  it('is one Redis server from REDIS_URL by default, with the prefix as given', () => {
    const config = loadConfig({ REDIS_URL: 'redis://:pw@redis.internal:6380/2', HERD_REDIS_PREFIX: 'herd-prod' });
    expect(config.redis).toEqual({ mode: 'single', url: 'redis://:pw@redis.internal:6380/2' });
    expect(config.redisPrefix).toBe('herd-prod');
    expect(loadConfig({}).redisPrefix).toBe('herd');
  });

  it('reads a Redis Cluster from its seed nodes and hash-tags a prefix that has no tag', () => {
    const config = loadConfig({ HERD_REDIS_CLUSTER_NODES: 'redis-0:7000, redis-1:7001,[fd00::5]:7002', HERD_REDIS_PASSWORD: 'cluster-secret' });
    expect(config.redis).toEqual({
      mode: 'cluster',
      nodes: [
        { host: 'redis-0', port: 7000 },
        { host: 'redis-1', port: 7001 },
        { host: 'fd00::5', port: 7002 },
      ],
      password: 'cluster-secret',
    });
    expect(config.redisPrefix).toBe('{herd}');
    expect(loadConfig({ HERD_REDIS_CLUSTER_NODES: 'r:7000', HERD_REDIS_PREFIX: 'prod' }).redisPrefix).toBe('{prod}');
    expect(loadConfig({ HERD_REDIS_CLUSTER_NODES: 'r:7000', HERD_REDIS_PREFIX: 'herd:{eu-1}' }).redisPrefix).toBe('herd:{eu-1}');
  });

  it('keeps a tagged prefix unchanged on one server, so a deployment may move to a cluster with the same keys', () => {
    expect(loadConfig({ HERD_REDIS_PREFIX: '{herd}' }).redisPrefix).toBe('{herd}');
  });

  it('reads Sentinels, the master name and both passwords, and keeps the prefix as given', () => {
    const config = loadConfig({
      HERD_REDIS_SENTINELS: 's1:26379,s2:26379',
      HERD_REDIS_SENTINEL_NAME: 'herd-master',
      HERD_REDIS_PASSWORD: 'data-secret',
      HERD_REDIS_SENTINEL_PASSWORD: 'sentinel-secret',
    });
    expect(config.redis).toEqual({
      mode: 'sentinel',
      sentinels: [
        { host: 's1', port: 26379 },
        { host: 's2', port: 26379 },
      ],
      masterName: 'herd-master',
      password: 'data-secret',
      sentinelPassword: 'sentinel-secret',
    });
    expect(config.redisPrefix).toBe('herd');
  });

  it.each([
    [{ HERD_REDIS_CLUSTER_NODES: 'a:1', HERD_REDIS_SENTINELS: 'b:2', HERD_REDIS_SENTINEL_NAME: 'm' }, /HERD_REDIS_CLUSTER_NODES and HERD_REDIS_SENTINELS exclude each other/],
    [{ HERD_REDIS_CLUSTER_NODES: 'a:1', REDIS_URL: 'redis://x:6379' }, /REDIS_URL is for one Redis server and must not be set with HERD_REDIS_CLUSTER_NODES/],
    [{ HERD_REDIS_SENTINELS: 'a:1', HERD_REDIS_SENTINEL_NAME: 'm', REDIS_URL: 'redis://x:6379' }, /REDIS_URL .* HERD_REDIS_SENTINELS/],
    [{ HERD_REDIS_SENTINELS: 'a:26379' }, /HERD_REDIS_SENTINEL_NAME .* is required with HERD_REDIS_SENTINELS/],
    [{ HERD_REDIS_SENTINEL_NAME: 'm' }, /HERD_REDIS_SENTINEL_NAME needs HERD_REDIS_SENTINELS/],
    [{ HERD_REDIS_SENTINEL_PASSWORD: 'pw' }, /HERD_REDIS_SENTINEL_PASSWORD needs HERD_REDIS_SENTINELS/],
    [{ HERD_REDIS_PASSWORD: 'pw' }, /HERD_REDIS_PASSWORD is for HERD_REDIS_CLUSTER_NODES or HERD_REDIS_SENTINELS/],
    [{ HERD_REDIS_CLUSTER_NODES: 'redis-0' }, /HERD_REDIS_CLUSTER_NODES must be a comma-separated list of host:port .*got "redis-0"/],
    [{ HERD_REDIS_CLUSTER_NODES: 'redis-0:70000' }, /HERD_REDIS_CLUSTER_NODES .*got "redis-0:70000"/],
    [{ HERD_REDIS_CLUSTER_NODES: ' , ' }, /HERD_REDIS_CLUSTER_NODES must name at least one host:port/],
    [{ HERD_REDIS_SENTINELS: 'redis://s1:26379', HERD_REDIS_SENTINEL_NAME: 'm' }, /HERD_REDIS_SENTINELS must be a comma-separated list/],
    [{ HERD_REDIS_PREFIX: 'herd prod' }, /HERD_REDIS_PREFIX must be 1-64/],
    [{ HERD_REDIS_PREFIX: '{a}{b}' }, /HERD_REDIS_PREFIX .*at most one non-empty \{hash tag\}/],
    [{ HERD_REDIS_PREFIX: 'herd{}' }, /HERD_REDIS_PREFIX/],
    [{ HERD_REDIS_PREFIX: 'x'.repeat(65) }, /HERD_REDIS_PREFIX/],
  ])('refuses %j at boot, naming the variable', (env, expected) => {
    expect(problemsOf(env)).toMatch(expected);
  });

  it('never echoes a Redis password in a configuration error', () => {
    const message = problemsOf({ HERD_REDIS_PASSWORD: 'do-not-print-me-0123', HERD_REDIS_SENTINEL_PASSWORD: 'nor-me-0123456' });
    expect(message).not.toContain('do-not-print-me-0123');
    expect(message).not.toContain('nor-me-0123456');
  });
});
