import { randomBytes } from 'node:crypto';
import { afterAll, describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../src/config/config';
import { simBuiltIn } from '../../src/providers/sim';
import { createRedis } from '../../src/queue/redis.module';
import { freePort } from '../support/free-port';
import { recordingHooks, simCluster, wantedNodes } from '../support/sim-cluster';

const redis = createRedis(loadConfig(process.env));

afterAll(async () => {
  await redis.quit();
});

describe('the built-in sim from herd config', () => {
  it('keeps its keys under HERD_REDIS_PREFIX and serves health on HERD_SIM_HEALTH_PORT', async () => {
    const port = await freePort();
    const prefix = `herd-test-builtin-${randomBytes(4).toString('hex')}`;
    const config = loadConfig({ ...process.env, HERD_REDIS_PREFIX: prefix, HERD_SIM_HEALTH_PORT: String(port) });
    const connection = simBuiltIn({ config, redis }).connect({});
    const cluster = simCluster(1);
    await connection.apply(cluster, { launch: wantedNodes(cluster), terminate: [] }, recordingHooks());
    const [node] = await connection.describe(cluster);
    expect(node.components[0].endpoint).toMatch(new RegExp(`^http://127\\.0\\.0\\.1:${port}/clusters/`));
    expect((await redis.keys(`${prefix}:sim:*`)).length).toBeGreaterThan(0);
    await connection.teardown(cluster);
    expect(await redis.keys(`${prefix}:*`)).toEqual([]);
  });

  it('refuses a health port that is not a port, naming the variable', () => {
    expect(() => loadConfig({ HERD_SIM_HEALTH_PORT: '70000' })).toThrow(ConfigError);
    expect(() => loadConfig({ HERD_SIM_HEALTH_PORT: '70000' })).toThrow(/HERD_SIM_HEALTH_PORT must be an integer between 0 and 65535/);
  });
});
