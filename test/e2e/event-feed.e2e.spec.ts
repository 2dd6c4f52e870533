import Redis from 'ioredis';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventFeedKey } from '../../src/modules/event-feed';
import { clusterBody, requestCluster, settle, simCredential } from '../support/clusters';
import { createIsolatedDatabase, IsolatedDatabase } from '../support/isolated-database';
import { startTestApp, TestApp, TestTenant, testRedisPrefix } from '../support/test-app';
import { until } from '../support/until';

interface FeedEntry {
  eventId: string;
  type: string;
  clusterId: string;
  tenantId: string;
  operationId: string;
  message: string;
  data: string;
  time: string;
}

/** An outside program: its own consumer group, reading and acknowledging. */
class FeedConsumer {
  readonly entries: FeedEntry[] = [];
  private readonly redis = new Redis(process.env.REDIS_URL ?? 'redis://127.0.0.1:6379');

  constructor(private readonly key: string) {}

  async join(): Promise<void> {
    await this.redis.xgroup('CREATE', this.key, 'billing', '$', 'MKSTREAM');
  }

  async read(): Promise<FeedEntry[]> {
    const answer = (await this.redis.xreadgroup('GROUP', 'billing', 'reader-1', 'COUNT', 500, 'STREAMS', this.key, '>')) as [string, [string, string[]][]][] | null;
    for (const [, messages] of answer ?? []) {
      for (const [id, fields] of messages) {
        const entry: Record<string, string> = {};
        for (let i = 0; i < fields.length; i += 2) entry[fields[i]!] = fields[i + 1]!;
        this.entries.push(entry as unknown as FeedEntry);
        await this.redis.xack(this.key, 'billing', id);
      }
    }
    return this.entries;
  }

  async close(): Promise<void> {
    await this.redis.del(this.key);
    this.redis.disconnect();
  }
}

describe('the event feed', () => {
  let database: IsolatedDatabase;
  let first: TestApp;
  let second: TestApp | undefined;
  let tenant: TestTenant;
  let consumer: FeedConsumer;
  const prefix = testRedisPrefix();
  const env = () => ({ DATABASE_URL: database.url, HERD_REDIS_PREFIX: prefix, HERD_EVENT_RELAY_POLL_MS: '100' });

  beforeAll(async () => {
    database = await createIsolatedDatabase('feed');
    consumer = new FeedConsumer(eventFeedKey(prefix));
    await consumer.join();
    first = await startTestApp({ env: env() });
    await until('the first app holds the relay lock', () => first.db.query(`SELECT count(*)::int AS held FROM pg_locks WHERE locktype = 'advisory' AND granted`), ([row]) => row.held === 1);
    second = await startTestApp({ env: env() });
    tenant = await first.newTenant('member');
  }, 60_000);

  afterAll(async () => {
    await second?.close();
    await first?.close().catch(() => undefined);
    await consumer?.close();
    await database?.drop();
  });

  const provisionAndCompare = async (app: TestApp) => {
    const credential = await simCredential(app, tenant, { latencyMs: 5 });
    const cluster = await requestCluster(app, tenant, clusterBody(credential, 1));
    expect((await settle(app, tenant, cluster.operationId)).status).toBe('succeeded');
    const events = await request(app.baseUrl).get(`/v1/clusters/${cluster.id}/events`).set('Authorization', tenant.auth).query({ limit: 500 });
    const logged = (events.body.items as { id: string | number; type: string; message: string }[]).map((event) => ({ eventId: String(event.id), type: event.type, message: event.message }));
    const read = await until(`the feed carries every event of cluster ${cluster.id}`, () => consumer.read(), (entries) => entries.filter((entry) => entry.clusterId === cluster.id).length >= logged.length);
    const ofCluster = read.filter((entry) => entry.clusterId === cluster.id);
    expect(ofCluster.map(({ eventId, type, message }) => ({ eventId, type, message }))).toEqual(logged);
    for (const entry of ofCluster) {
      expect(entry.tenantId).toBe(tenant.tenantId);
      expect(typeof JSON.parse(entry.data)).toBe('object');
      expect(Number.isNaN(Date.parse(entry.time))).toBe(false);
    }
    expect(ofCluster.some((entry) => entry.operationId === cluster.operationId)).toBe(true);
  };

  it('gives an outside consumer group every event of a provisioned cluster, in order, once, and loses none when the relaying worker stops', { timeout: 120_000 }, async () => {
    await provisionAndCompare(first);
    await first.close();
    await provisionAndCompare(second!);
    const [{ unrelayed }] = await second!.db.query(`SELECT count(*)::int AS unrelayed FROM cluster_events WHERE relayed_at IS NULL`);
    expect(unrelayed).toBe(0);
  });
});
