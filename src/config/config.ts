import { createHash } from 'node:crypto';
import ipaddr from 'ipaddr.js';
import { defaultCallbackUrl } from './callback-url';
import { EventConsumersConfig, loadEventConsumersConfig } from './event-consumers-config';
import { loadMonitoringConfig, MonitoringConfig } from './monitoring-config';
import { loadOperationsConfig, OperationsConfig } from './operations-config';
import { parseTrustProxy, TrustProxy } from './trust-proxy';
import { effectiveRedisPrefix, loadRedisTopology, RedisTopology } from './redis-config';

export type HerdRole = 'api' | 'worker' | 'all';

/** What boot does with pending migrations (HERD_MIGRATIONS): apply them under the lock, or refuse to start. */
export type MigrationsMode = 'auto' | 'check';

export interface HttpTimeouts {
  requestMs: number;
  headersMs: number;
  keepAliveMs: number;
}

export interface HerdConfig {
  role: HerdRole;
  port: number;
  host: string;
  /** The worker role's own HTTP port for /health, /ready and /metrics (HERD_WORKER_HTTP_PORT, HERD_WORKER_HTTP_HOST); port 0 picks a free one. */
  workerHttp: { port: number; host: string };
  /** After SIGTERM, how long running jobs may take to finish before they are handed back to the queue (HERD_SHUTDOWN_GRACE_MS). */
  shutdownGraceMs: number;
  /** Where VM nodes post their readiness and health (HERD_CALLBACK_URL): herd's public address. */
  callbackUrl: string;
  databaseUrl: string;
  migrations: MigrationsMode;
  /** REDIS_URL: the one Redis server when `redis.mode` is single. */
  redisUrl: string;
  /** One server, a Redis Cluster or a Sentinel-managed master (docs/redis.md). */
  redis: RedisTopology;
  /** Prefix of every Redis key herd writes (queues, locks, sim state); `{hash-tagged}` on a Redis Cluster. */
  redisPrefix: string;
  /** Current master key used to encrypt credential secrets. */
  masterKey: MasterKey;
  /** Older keys still accepted for decryption during a rotation. */
  previousMasterKeys: MasterKey[];
  bootstrapAdminKey: string | undefined;
  bodyLimitBytes: number;
  /** Which proxies in front of herd may name the client's address (HERD_TRUST_PROXY). */
  trustProxy: TrustProxy;
  /** How long an Idempotency-Key of a cluster request is remembered; an older key counts as new. */
  idempotencyTtlMs: number;
  /** How long a client may take to send one whole request, and its headers, and how long an idle keep-alive connection stays open. */
  httpTimeouts: HttpTimeouts;
  logLevel: string;
  corsOrigins: string[];
  stacksFile: string | undefined;
  /** The built dashboard served at /ui (HERD_DASHBOARD_DIR); unset: `dist/ui` of the checkout. */
  dashboardDir: string | undefined;
  providerPlugins: string[];
  /** Requests per minute each API key may make on average. */
  rateLimitPerMinute: number;
  /** Requests a key may make at once before the per-minute rate applies. */
  rateLimitBurst: number;
  /** Requests per minute per client IP for calls without a valid API key. */
  rateLimitPerIpPerMinute: number;
  /** How long a browser's event-stream token opens its stream (HERD_STREAM_TOKEN_TTL_MS). */
  streamTokenTtlMs: number;
  egressAllowPrivate: boolean;
  egressAllowedCidrs: string[];
  /** Port of the sim's Hadoop-shaped health endpoints on 127.0.0.1; 0 picks a free one per process. */
  simHealthPort: number;
  operations: OperationsConfig;
  monitoring: MonitoringConfig;
  eventConsumers: EventConsumersConfig;
  /** Quotas of a tenant that has no quota of its own. */
  defaultQuotas: QuotaLimits;
}

export interface QuotaLimits {
  clusters: number;
  nodes: number;
  nodesPerCluster: number;
}

export interface MasterKey {
  id: string;
  key: Buffer;
}

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`herd cannot start, the configuration is invalid:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

/**
 * Development-only key so that `npm start` works out of the box. Boot refuses it when
 * NODE_ENV=production; README says to set a real one.
 */
const DEVELOPMENT_MASTER_KEY = Buffer.alloc(32, 7).toString('base64');

/**
 * Keys and secrets that were published (the development default, and the ones an earlier
 * docker-compose.yml set by default): anyone can decrypt with them, so production refuses them
 * as the current key. They stay accepted as previous keys, to rotate away from them.
 */
const PUBLISHED_MASTER_KEYS = [DEVELOPMENT_MASTER_KEY, 'ZGV2LW9ubHktbWFzdGVyLWtleS0zMi1ieXRlcy0hISE='];
const PUBLISHED_ADMIN_KEYS = ['herd-compose-admin-key-change-me'];

type Env = Record<string, string | undefined>;

export function loadConfig(env: Env = process.env): HerdConfig {
  const problems: string[] = [];
  const read = (name: string, fallback: string): string => {
    const value = env[name];
    return value === undefined || value === '' ? fallback : value;
  };

  const role = read('HERD_ROLE', 'all');
  if (!['api', 'worker', 'all'].includes(role)) problems.push(`HERD_ROLE must be one of api, worker, all (got "${role}")`);

  const integer = (name: string, fallback: number, min: number, max: number): number => {
    const raw = read(name, String(fallback));
    const value = Number(raw);
    if (!Number.isInteger(value) || value < min || value > max) {
      problems.push(`${name} must be an integer between ${min} and ${max} (got "${raw}")`);
      return fallback;
    }
    return value;
  };

  const url = (name: string, fallback: string, protocols: string[]): string => {
    const raw = read(name, fallback);
    try {
      const parsed = new URL(raw);
      if (!protocols.includes(parsed.protocol)) problems.push(`${name} must use ${protocols.join(' or ')} (got ${parsed.protocol})`);
    } catch {
      problems.push(`${name} is not a valid URL`);
    }
    return raw;
  };

  const masterKeyFrom = (name: string, raw: string): MasterKey | undefined => {
    const [maybeId, maybeKey] = raw.includes(':') ? raw.split(':', 2) : [undefined, raw];
    const key = Buffer.from(maybeKey ?? '', 'base64');
    if (key.length !== 32 || key.toString('base64') !== maybeKey) {
      problems.push(`${name} must be 32 random bytes in base64, optionally prefixed by "<key-id>:" (generate one with: openssl rand -base64 32)`);
      return undefined;
    }
    if (maybeId !== undefined && !/^[A-Za-z0-9_-]{1,32}$/.test(maybeId)) {
      problems.push(`${name} key id must be 1-32 letters, digits, "-" or "_"`);
      return undefined;
    }
    return { id: maybeId ?? keyIdOf(key), key };
  };

  const boolean = (name: string, fallback: boolean): boolean => {
    const raw = read(name, String(fallback));
    if (raw !== 'true' && raw !== 'false') problems.push(`${name} must be true or false (got "${raw}")`);
    return raw === 'true';
  };

  const cidrs = (name: string): string[] => {
    const entries = list(read(name, ''));
    for (const entry of entries) {
      if (!ipaddr.isValidCIDR(entry)) problems.push(`${name} must be a comma-separated list of CIDRs such as 10.0.0.0/8 or fd00::/8 (got "${entry}")`);
    }
    return entries;
  };

  const origins = (name: string): string[] => {
    const entries = list(read(name, ''));
    for (const entry of entries) {
      let origin: string | undefined;
      try {
        origin = new URL(entry).origin;
      } catch {
        origin = undefined;
      }
      if (origin !== entry) problems.push(`${name} must be a comma-separated list of origins such as https://console.example.com, without a path or a trailing slash (got "${entry}")`);
    }
    return entries;
  };

  const production = env.NODE_ENV === 'production';
  const rawMasterKey = read('HERD_MASTER_KEY', production ? '' : DEVELOPMENT_MASTER_KEY);
  if (rawMasterKey === '') problems.push('HERD_MASTER_KEY is required when NODE_ENV=production');
  const masterKey = rawMasterKey === '' ? undefined : masterKeyFrom('HERD_MASTER_KEY', rawMasterKey);
  if (production && masterKey && PUBLISHED_MASTER_KEYS.includes(masterKey.key.toString('base64'))) {
    problems.push('HERD_MASTER_KEY is a published development key, which anyone can decrypt with, and NODE_ENV=production: generate one with openssl rand -base64 32 (to rotate away from it, keep it in HERD_PREVIOUS_MASTER_KEYS and run npm run rotate-key)');
  }
  const previousMasterKeys = list(read('HERD_PREVIOUS_MASTER_KEYS', ''))
    .map((raw) => masterKeyFrom('HERD_PREVIOUS_MASTER_KEYS', raw))
    .filter((key): key is MasterKey => key !== undefined);

  const bootstrapAdminKey = env.HERD_BOOTSTRAP_ADMIN_KEY || undefined;
  if (bootstrapAdminKey !== undefined && bootstrapAdminKey.length < 24) {
    problems.push('HERD_BOOTSTRAP_ADMIN_KEY must be at least 24 characters long');
  }
  if (production && bootstrapAdminKey !== undefined && PUBLISHED_ADMIN_KEYS.includes(bootstrapAdminKey)) {
    problems.push('HERD_BOOTSTRAP_ADMIN_KEY is a published example key and NODE_ENV=production: set one of your own (openssl rand -base64 32)');
  }
  const migrations = read('HERD_MIGRATIONS', 'auto');
  if (migrations !== 'auto' && migrations !== 'check') problems.push(`HERD_MIGRATIONS must be auto (boot applies pending migrations) or check (boot refuses to start while any is pending) (got "${migrations}")`);

  const redisUrl = url('REDIS_URL', 'redis://127.0.0.1:6379', ['redis:', 'rediss:']);
  const redis = loadRedisTopology(env, redisUrl, problems);
  const rateLimitPerMinute = integer('HERD_RATE_LIMIT_PER_MINUTE', 600, 1, 1_000_000);
  const config: HerdConfig = {
    role: role as HerdRole,
    port: integer('PORT', 8080, 0, 65535),
    host: read('HOST', '127.0.0.1'),
    workerHttp: { port: integer('HERD_WORKER_HTTP_PORT', 8081, 0, 65535), host: read('HERD_WORKER_HTTP_HOST', '127.0.0.1') },
    shutdownGraceMs: integer('HERD_SHUTDOWN_GRACE_MS', 30_000, 0, 3_600_000),
    callbackUrl: url('HERD_CALLBACK_URL', defaultCallbackUrl(env), ['http:', 'https:']),
    databaseUrl: url('DATABASE_URL', 'postgres://postgres@127.0.0.1:5432/herd', ['postgres:', 'postgresql:']),
    migrations: migrations as MigrationsMode,
    redisUrl,
    redis,
    redisPrefix: effectiveRedisPrefix(read('HERD_REDIS_PREFIX', 'herd'), redis, problems),
    masterKey: masterKey ?? { id: 'invalid', key: Buffer.alloc(32) },
    previousMasterKeys,
    bootstrapAdminKey,
    bodyLimitBytes: integer('HERD_BODY_LIMIT_BYTES', 512 * 1024, 1024, 64 * 1024 * 1024),
    trustProxy: parseTrustProxy(read('HERD_TRUST_PROXY', 'false'), problems),
    idempotencyTtlMs: integer('HERD_IDEMPOTENCY_TTL_MS', 86_400_000, 1000, 365 * 86_400_000),
    httpTimeouts: {
      requestMs: integer('HERD_HTTP_REQUEST_TIMEOUT_MS', 30_000, 1000, 3_600_000),
      headersMs: integer('HERD_HTTP_HEADERS_TIMEOUT_MS', 10_000, 1000, 3_600_000),
      keepAliveMs: integer('HERD_HTTP_KEEPALIVE_TIMEOUT_MS', 5000, 1000, 3_600_000),
    },
    logLevel: read('LOG_LEVEL', 'info'),
    corsOrigins: origins('HERD_CORS_ORIGINS'),
    stacksFile: env.HERD_STACKS_FILE || undefined,
    dashboardDir: env.HERD_DASHBOARD_DIR || undefined,
    providerPlugins: list(read('HERD_PROVIDER_PLUGINS', '')),
    rateLimitPerMinute,
    rateLimitBurst: integer('HERD_RATE_LIMIT_BURST', rateLimitPerMinute, 1, 1_000_000),
    rateLimitPerIpPerMinute: integer('HERD_RATE_LIMIT_PER_IP_PER_MINUTE', 300, 1, 1_000_000),
    streamTokenTtlMs: integer('HERD_STREAM_TOKEN_TTL_MS', 300_000, 1_000, 3_600_000),
    egressAllowPrivate: boolean('HERD_EGRESS_ALLOW_PRIVATE', true),
    egressAllowedCidrs: cidrs('HERD_EGRESS_ALLOWED_CIDRS'),
    defaultQuotas: {
      clusters: integer('HERD_QUOTA_CLUSTERS', 10, 0, 1_000_000),
      nodes: integer('HERD_QUOTA_NODES', 100, 0, 1_000_000),
      nodesPerCluster: integer('HERD_QUOTA_NODES_PER_CLUSTER', 50, 0, 1_000_000),
    },
    simHealthPort: integer('HERD_SIM_HEALTH_PORT', 0, 0, 65535),
    operations: loadOperationsConfig(integer),
    monitoring: loadMonitoringConfig(integer),
    eventConsumers: loadEventConsumersConfig(integer),
  };
  if (!['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'].includes(config.logLevel)) {
    problems.push(`LOG_LEVEL must be one of fatal, error, warn, info, debug, trace, silent (got "${config.logLevel}")`);
  }
  if (config.httpTimeouts.headersMs > config.httpTimeouts.requestMs) problems.push('HERD_HTTP_HEADERS_TIMEOUT_MS must not exceed HERD_HTTP_REQUEST_TIMEOUT_MS');
  if (problems.length > 0) throw new ConfigError(problems);
  return config;
}

function list(raw: string): string[] {
  return raw
    .split(',')
    .map((item) => item.trim())
    .filter((item) => item.length > 0);
}

function keyIdOf(key: Buffer): string {
  // A stable, non-secret id derived from the key itself, so an unlabelled key still rotates.
  return createHash('sha256').update(key).digest('hex').slice(0, 8);
}

export const HERD_CONFIG = Symbol('HERD_CONFIG');
