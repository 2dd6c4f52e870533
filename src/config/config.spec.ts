import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './config';

describe('loadConfig', () => {
  it('has working local defaults', () => {
    const config = loadConfig({});
    expect(config.port).toBe(8080);
    expect(config.role).toBe('all');
    expect(config.databaseUrl).toMatch(/^postgres:\/\/.*127\.0\.0\.1:5432/);
    expect(config.redisUrl).toBe('redis://127.0.0.1:6379');
    expect(config.masterKey.key).toHaveLength(32);
  });

  it('derives the node callback URL from HOST and PORT unless HERD_CALLBACK_URL is set, which must be http(s)', () => {
    expect(loadConfig({}).callbackUrl).toBe('http://127.0.0.1:8080/v1/node-callbacks');
    expect(loadConfig({ HOST: '10.0.0.5', PORT: '9000' }).callbackUrl).toBe('http://10.0.0.5:9000/v1/node-callbacks');
    expect(loadConfig({ HERD_CALLBACK_URL: 'https://herd.example.com/v1/node-callbacks' }).callbackUrl).toBe('https://herd.example.com/v1/node-callbacks');
    expect(() => loadConfig({ HERD_CALLBACK_URL: 'ftp://herd.example.com/' })).toThrow(/HERD_CALLBACK_URL must use http: or https:/);
    expect(() => loadConfig({ HERD_CALLBACK_URL: 'not a url' })).toThrow(/HERD_CALLBACK_URL is not a valid URL/);
  });

  it('names every bad variable at once', () => {
    try {
      loadConfig({ HERD_ROLE: 'boss', PORT: 'eighty', HERD_MASTER_KEY: 'short', REDIS_URL: 'http://x' });
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(ConfigError);
      const message = (error as ConfigError).message;
      expect(message).toContain('HERD_ROLE');
      expect(message).toContain('PORT');
      expect(message).toContain('HERD_MASTER_KEY');
      expect(message).toContain('REDIS_URL');
    }
  });

  it('requires a master key in production and never echoes it', () => {
    expect(() => loadConfig({ NODE_ENV: 'production' })).toThrow(/HERD_MASTER_KEY is required/);
    const secret = 'c2VjcmV0LXNlY3JldC1zZWNyZXQtc2VjcmV0LXNlYw==';
    expect(() => loadConfig({ HERD_MASTER_KEY: secret })).toThrow(ConfigError);
    try {
      loadConfig({ HERD_MASTER_KEY: secret });
    } catch (error) {
      expect((error as Error).message).not.toContain(secret);
    }
  });

  it('accepts a labelled key and previous keys for rotation', () => {
    const key = Buffer.alloc(32, 1).toString('base64');
    const old = Buffer.alloc(32, 2).toString('base64');
    const config = loadConfig({ HERD_MASTER_KEY: `k2:${key}`, HERD_PREVIOUS_MASTER_KEYS: `k1:${old}` });
    expect(config.masterKey.id).toBe('k2');
    expect(config.previousMasterKeys.map((k) => k.id)).toEqual(['k1']);
  });
});

describe('loadConfig: security settings', () => {
  it('defaults quotas, rate limits and the egress policy', () => {
    const config = loadConfig({});
    expect(config.defaultQuotas).toEqual({ clusters: 10, nodes: 100, nodesPerCluster: 50 });
    expect(config.rateLimitPerMinute).toBe(600);
    expect(config.rateLimitBurst).toBe(600);
    expect(config.rateLimitPerIpPerMinute).toBe(300);
    expect(config.egressAllowPrivate).toBe(true);
    expect(config.egressAllowedCidrs).toEqual([]);
  });

  it('reads them from the environment', () => {
    const config = loadConfig({
      HERD_QUOTA_CLUSTERS: '2',
      HERD_QUOTA_NODES: '8',
      HERD_QUOTA_NODES_PER_CLUSTER: '4',
      HERD_RATE_LIMIT_PER_MINUTE: '60',
      HERD_RATE_LIMIT_BURST: '5',
      HERD_EGRESS_ALLOW_PRIVATE: 'false',
      HERD_EGRESS_ALLOWED_CIDRS: '169.254.0.0/16, fd00::/8',
    });
    expect(config.defaultQuotas).toEqual({ clusters: 2, nodes: 8, nodesPerCluster: 4 });
    expect(config.rateLimitBurst).toBe(5);
    expect(config.egressAllowPrivate).toBe(false);
    expect(config.egressAllowedCidrs).toEqual(['169.254.0.0/16', 'fd00::/8']);
  });

  it('takes CORS origins exactly, and refuses anything that is not an origin', () => {
    expect(loadConfig({ HERD_CORS_ORIGINS: 'https://console.example.com, http://localhost:3000' }).corsOrigins).toEqual(['https://console.example.com', 'http://localhost:3000']);
    expect(() => loadConfig({ HERD_CORS_ORIGINS: 'https://console.example.com/' })).toThrow(/HERD_CORS_ORIGINS .*got "https:\/\/console.example.com\/"/);
    expect(() => loadConfig({ HERD_CORS_ORIGINS: '*' })).toThrow(/HERD_CORS_ORIGINS/);
  });

  it('names bad CIDRs, booleans and quotas', () => {
    expect(() => loadConfig({ HERD_EGRESS_ALLOWED_CIDRS: '10.0.0.0' })).toThrow(/HERD_EGRESS_ALLOWED_CIDRS .*got "10.0.0.0"/);
    expect(() => loadConfig({ HERD_EGRESS_ALLOW_PRIVATE: 'yes' })).toThrow(/HERD_EGRESS_ALLOW_PRIVATE must be true or false/);
    expect(() => loadConfig({ HERD_QUOTA_NODES: '-1' })).toThrow(/HERD_QUOTA_NODES must be an integer/);
  });
});

describe('loadConfig: deployment settings', () => {
  const PRODUCTION_KEY = Buffer.alloc(32, 9).toString('base64');

  it('migrates at boot unless HERD_MIGRATIONS=check, and names any other value', () => {
    expect(loadConfig({}).migrations).toBe('auto');
    expect(loadConfig({ HERD_MIGRATIONS: 'check' }).migrations).toBe('check');
    expect(() => loadConfig({ HERD_MIGRATIONS: 'never' })).toThrow(/HERD_MIGRATIONS must be auto .* or check .*got "never"/);
  });

  it('trusts no proxy by default and reads HERD_TRUST_PROXY', () => {
    expect(loadConfig({}).trustProxy).toBe(false);
    expect(loadConfig({ HERD_TRUST_PROXY: 'loopback, 10.0.0.0/8' }).trustProxy).toEqual(['loopback', '10.0.0.0/8']);
    expect(() => loadConfig({ HERD_TRUST_PROXY: 'my-proxy' })).toThrow(/HERD_TRUST_PROXY must be .*got "my-proxy"/);
  });

  it('refuses, in production, the master keys and admin key that were published', () => {
    for (const published of ['ZGV2LW9ubHktbWFzdGVyLWtleS0zMi1ieXRlcy0hISE=', `k1:${Buffer.alloc(32, 7).toString('base64')}`]) {
      expect(() => loadConfig({ NODE_ENV: 'production', HERD_MASTER_KEY: published })).toThrow(/HERD_MASTER_KEY is a published development key/);
    }
    expect(() => loadConfig({ NODE_ENV: 'production', HERD_MASTER_KEY: PRODUCTION_KEY, HERD_BOOTSTRAP_ADMIN_KEY: 'herd-compose-admin-key-change-me' })).toThrow(/HERD_BOOTSTRAP_ADMIN_KEY is a published example key/);
    expect(loadConfig({ NODE_ENV: 'production', HERD_MASTER_KEY: PRODUCTION_KEY, HERD_PREVIOUS_MASTER_KEYS: 'ZGV2LW9ubHktbWFzdGVyLWtleS0zMi1ieXRlcy0hISE=' }).previousMasterKeys).toHaveLength(1);
    expect(loadConfig({ HERD_MASTER_KEY: 'ZGV2LW9ubHktbWFzdGVyLWtleS0zMi1ieXRlcy0hISE=' }).masterKey.key).toHaveLength(32);
  });
});
