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
