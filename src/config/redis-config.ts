/** One `host:port` of a Redis Cluster seed or a Sentinel. */
export interface RedisEndpoint {
  host: string;
  port: number;
}

/**
 * Where herd's Redis is: one server (REDIS_URL), a Redis Cluster found from seed nodes
 * (HERD_REDIS_CLUSTER_NODES) or a master found through Sentinels (HERD_REDIS_SENTINELS +
 * HERD_REDIS_SENTINEL_NAME). Passwords of the last two never live in a URL, so they are fields.
 */
export type RedisTopology =
  | { mode: 'single'; url: string }
  | { mode: 'cluster'; nodes: RedisEndpoint[]; password: string | undefined }
  | { mode: 'sentinel'; sentinels: RedisEndpoint[]; masterName: string; password: string | undefined; sentinelPassword: string | undefined };

type Env = Record<string, string | undefined>;

const PREFIX_SHAPE = /^[A-Za-z0-9:_-]*(\{[A-Za-z0-9:_-]+\})?[A-Za-z0-9:_-]*$/;

export function loadRedisTopology(env: Env, redisUrl: string, problems: string[]): RedisTopology {
  const value = (name: string): string | undefined => (env[name] === undefined || env[name] === '' ? undefined : env[name]);
  const clusterNodes = value('HERD_REDIS_CLUSTER_NODES');
  const sentinels = value('HERD_REDIS_SENTINELS');
  const sentinelName = value('HERD_REDIS_SENTINEL_NAME');
  const password = value('HERD_REDIS_PASSWORD');
  const sentinelPassword = value('HERD_REDIS_SENTINEL_PASSWORD');
  const explicitUrl = value('REDIS_URL') !== undefined;

  if (clusterNodes !== undefined && sentinels !== undefined) {
    problems.push('HERD_REDIS_CLUSTER_NODES and HERD_REDIS_SENTINELS exclude each other: herd talks to a Redis Cluster or to a Sentinel-managed master, not both');
  }
  if ((clusterNodes !== undefined || sentinels !== undefined) && explicitUrl) {
    problems.push(`REDIS_URL is for one Redis server and must not be set with ${clusterNodes !== undefined ? 'HERD_REDIS_CLUSTER_NODES' : 'HERD_REDIS_SENTINELS'}`);
  }
  if (sentinels !== undefined && sentinelName === undefined) problems.push('HERD_REDIS_SENTINEL_NAME (the master name the Sentinels monitor) is required with HERD_REDIS_SENTINELS');
  if (sentinelName !== undefined && sentinels === undefined) problems.push('HERD_REDIS_SENTINEL_NAME needs HERD_REDIS_SENTINELS (a comma-separated list of host:port)');
  if (sentinelPassword !== undefined && sentinels === undefined) problems.push('HERD_REDIS_SENTINEL_PASSWORD needs HERD_REDIS_SENTINELS');
  if (password !== undefined && clusterNodes === undefined && sentinels === undefined) {
    problems.push('HERD_REDIS_PASSWORD is for HERD_REDIS_CLUSTER_NODES or HERD_REDIS_SENTINELS; with one Redis server put the password in REDIS_URL (redis://:password@host:port)');
  }

  if (clusterNodes !== undefined) return { mode: 'cluster', nodes: endpoints('HERD_REDIS_CLUSTER_NODES', clusterNodes, problems), password };
  if (sentinels !== undefined) {
    return { mode: 'sentinel', sentinels: endpoints('HERD_REDIS_SENTINELS', sentinels, problems), masterName: sentinelName ?? '', password, sentinelPassword };
  }
  return { mode: 'single', url: redisUrl };
}

/**
 * The prefix of every key herd and BullMQ write. On a Redis Cluster all of one deployment's keys
 * must share one hash slot (BullMQ's scripts and herd's own touch several keys at once), so a
 * prefix without a `{hash tag}` is wrapped in braces there. One server and Sentinel keep the
 * prefix as given, so an existing deployment's queued jobs keep their keys.
 */
export function effectiveRedisPrefix(raw: string, topology: RedisTopology, problems: string[]): string {
  if (raw.length > 64 || !PREFIX_SHAPE.test(raw) || raw.length === 0) {
    problems.push('HERD_REDIS_PREFIX must be 1-64 letters, digits, ":", "-" or "_", with at most one non-empty {hash tag}');
    return raw;
  }
  return topology.mode === 'cluster' && !raw.includes('{') ? `{${raw}}` : raw;
}

/** The secrets among the Redis settings, for redaction. */
export function redisSecrets(topology: RedisTopology): (string | undefined)[] {
  if (topology.mode === 'cluster') return [topology.password];
  if (topology.mode === 'sentinel') return [topology.password, topology.sentinelPassword];
  return [];
}

function endpoints(name: string, raw: string, problems: string[]): RedisEndpoint[] {
  const entries = raw
    .split(',')
    .map((entry) => entry.trim())
    .filter((entry) => entry.length > 0);
  const parsed: RedisEndpoint[] = [];
  for (const entry of entries) {
    const match = /^(\[[0-9a-fA-F:]+\]|[^:\s[\]]+):(\d{1,5})$/.exec(entry);
    const port = Number(match?.[2]);
    if (!match || port < 1 || port > 65535) {
      problems.push(`${name} must be a comma-separated list of host:port such as redis-0:6379,redis-1:6379 (got "${entry}")`);
      continue;
    }
    parsed.push({ host: match[1].replace(/^\[|\]$/g, ''), port });
  }
  if (entries.length === 0) problems.push(`${name} must name at least one host:port`);
  return parsed;
}
