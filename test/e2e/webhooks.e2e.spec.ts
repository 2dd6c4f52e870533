import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signatureValid } from '../../src/modules/webhooks';
import { clusterBody, requestCluster, settle, simCredential } from '../support/clusters';
import { startTestApp, TestApp, TestTenant } from '../support/test-app';
import { until } from '../support/until';
import { ReceivedHook, startWebhookReceiver } from '../support/webhook-receiver';

const BACKOFF_MS = 300;
const DISABLE_AFTER = 3;

describe('webhooks', () => {
  let app: TestApp;
  let tenant: TestTenant;
  let other: TestTenant;
  let receiver: Awaited<ReturnType<typeof startWebhookReceiver>>;
  const http = () => request(app.baseUrl);

  beforeAll(async () => {
    receiver = await startWebhookReceiver((path, nth) => {
      if (path === '/flaky') return nth <= 2 ? 500 : 200;
      if (path === '/down') return 500;
      return 204;
    });
    app = await startTestApp({
      ownDatabase: true,
      env: { HERD_EVENT_RELAY_POLL_MS: '100', HERD_WEBHOOK_BACKOFF_MS: String(BACKOFF_MS), HERD_WEBHOOK_MAX_ATTEMPTS: '5', HERD_WEBHOOK_DISABLE_AFTER_FAILURES: String(DISABLE_AFTER) },
    });
    tenant = await app.newTenant('member');
    other = await app.newTenant('member');
  }, 60_000);

  afterAll(async () => {
    await app?.close();
    await receiver?.close();
  });

  const create = async (path: string, kinds: string[]) => {
    const res = await http().post('/v1/webhooks').set('Authorization', tenant.auth).send({ url: receiver.url(path), kinds, description: path });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    expect(res.headers.location).toBe(`/v1/webhooks/${res.body.id}`);
    return res.body as { id: string; secret: string };
  };
  const deliveries = async (id: string) => {
    const res = await http().get(`/v1/webhooks/${id}/deliveries`).set('Authorization', tenant.auth).query({ limit: 100 });
    expect(res.status).toBe(200);
    return res.body.items as { attempt: number; statusCode: number | null; delivered: boolean; eventId: string; kind: string; durationMs: number }[];
  };
  const kindsOf = (hooks: ReceivedHook[]) => hooks.map((hook) => JSON.parse(hook.body).kind as string);

  it('delivers signed events of the subscribed kinds, retries with backoff, disables a failing receiver and keeps tenants apart', { timeout: 120_000 }, async () => {
    const statusHook = await create('/ok', ['cluster.status', 'operation.succeeded']);
    const flaky = await create('/flaky', ['operation.succeeded']);
    const down = await create('/down', ['cluster.status']);
    const cancelledOnly = await create('/cancelled', ['operation.cancelled']);
    expect(statusHook.secret).toMatch(/^whsec_/);
    const shown = await http().get(`/v1/webhooks/${statusHook.id}`).set('Authorization', tenant.auth);
    expect(shown.status).toBe(200);
    expect(JSON.stringify(shown.body)).not.toContain(statusHook.secret);
    const [stored] = await app.db.query(`SELECT string_agg(t::text, E'\\n') AS text FROM webhooks t`);
    expect(stored.text).not.toContain(statusHook.secret);
    expect(stored.text).not.toContain(Buffer.from(statusHook.secret).toString('hex'));

    const credential = await simCredential(app, tenant, { latencyMs: 5 });
    const cluster = await requestCluster(app, tenant, clusterBody(credential, 1));
    expect((await settle(app, tenant, cluster.operationId)).status).toBe('succeeded');

    const okHooks = await until('the status webhook told of the outcome', async () => receiver.received('/ok'), (hooks) => kindsOf(hooks).includes('operation.succeeded'), 30_000);
    const events = await http().get(`/v1/clusters/${cluster.id}/events`).set('Authorization', tenant.auth).query({ limit: 500 });
    const statusEventIds = (events.body.items as { id: string; type: string }[]).filter((event) => event.type === 'status').map((event) => String(event.id));
    await until('every status change delivered', async () => receiver.received('/ok'), (hooks) => hooks.filter((hook) => JSON.parse(hook.body).kind === 'cluster.status').length === statusEventIds.length);
    const delivered = receiver.received('/ok');
    expect(delivered.filter((hook) => JSON.parse(hook.body).kind === 'cluster.status').map((hook) => hook.headers['herd-event-id'])).toEqual(statusEventIds);
    expect(new Set(kindsOf(delivered))).toEqual(new Set(['cluster.status', 'operation.succeeded']));
    const now = Math.floor(Date.now() / 1000);
    for (const hook of okHooks) {
      const header = String(hook.headers['herd-signature']);
      expect(signatureValid(statusHook.secret, hook.body, header, now)).toBe(true);
      expect(signatureValid(flaky.secret, hook.body, header, now)).toBe(false);
      expect(signatureValid(statusHook.secret, hook.body, header, now + 301)).toBe(false);
      const body = JSON.parse(hook.body);
      expect(body).toMatchObject({ clusterId: cluster.id, tenantId: tenant.tenantId, eventId: hook.headers['herd-event-id'], deliveryId: hook.headers['herd-delivery-id'] });
    }

    const flakyLog = await until('three attempts at the flaky receiver', () => deliveries(flaky.id), (log) => log.some((entry) => entry.delivered));
    expect(flakyLog.map((entry) => [entry.attempt, entry.statusCode, entry.delivered]).reverse()).toEqual([
      [1, 500, false],
      [2, 500, false],
      [3, 200, true],
    ]);
    const [first, second, third] = receiver.received('/flaky').map((hook) => hook.receivedAt);
    expect(second! - first!).toBeGreaterThanOrEqual(BACKOFF_MS * 0.9);
    expect(third! - second!).toBeGreaterThanOrEqual(BACKOFF_MS * 2 * 0.9);
    expect(new Set(receiver.received('/flaky').map((hook) => hook.headers['herd-delivery-id'])).size).toBe(1);

    const disabled = await until('the failing webhook disabled', async () => (await http().get(`/v1/webhooks/${down.id}`).set('Authorization', tenant.auth)).body, (webhook) => webhook.enabled === false);
    expect(disabled.disabledReason).toContain(`after ${DISABLE_AFTER} failed delivery attempts in a row`);
    expect(disabled.disabledReason).toContain('answered 500');
    // Attempts already under way when the third failure disabled it still end; none starts after.
    await new Promise((resolve) => setTimeout(resolve, BACKOFF_MS * 2));
    const attemptsWhenDisabled = (await deliveries(down.id)).length;
    expect(attemptsWhenDisabled).toBeGreaterThanOrEqual(DISABLE_AFTER);
    expect(receiver.received('/down')).toHaveLength(attemptsWhenDisabled);
    await new Promise((resolve) => setTimeout(resolve, BACKOFF_MS * 8));
    expect(receiver.received('/down')).toHaveLength(attemptsWhenDisabled);
    const enabled = await http().patch(`/v1/webhooks/${down.id}`).set('Authorization', tenant.auth).send({ enabled: true });
    expect(enabled.status).toBe(200);
    expect(enabled.body).toMatchObject({ enabled: true, disabledReason: null, consecutiveFailures: 0 });

    expect(receiver.received('/cancelled')).toHaveLength(0);
    expect(await deliveries(cancelledOnly.id)).toHaveLength(0);

    for (const call of [http().get(`/v1/webhooks/${down.id}`), http().patch(`/v1/webhooks/${down.id}`).send({ enabled: false }), http().get(`/v1/webhooks/${down.id}/deliveries`), http().delete(`/v1/webhooks/${down.id}`)]) {
      expect((await call.set('Authorization', other.auth)).status).toBe(404);
    }
    const othersList = await http().get('/v1/webhooks').set('Authorization', other.auth);
    expect(othersList.body).toMatchObject({ items: [], total: 0 });
    const mine = await http().get('/v1/webhooks').set('Authorization', tenant.auth);
    expect(mine.body.total).toBe(4);
    expect(JSON.stringify(mine.body)).not.toContain(statusHook.secret);
    expect(app.logs()).not.toContain(statusHook.secret);
  });

  it('refuses a URL the egress policy refuses, unknown kinds, and writes by a viewer', async () => {
    const metadata = await http().post('/v1/webhooks').set('Authorization', tenant.auth).send({ url: 'http://169.254.169.254/latest', kinds: ['cluster.status'] });
    expect(metadata.status).toBe(400);
    expect(metadata.body.details[0].field).toBe('url');
    const ftp = await http().post('/v1/webhooks').set('Authorization', tenant.auth).send({ url: 'ftp://example.com/x', kinds: ['cluster.status'] });
    expect(ftp.status).toBe(400);
    expect(ftp.body.details[0].field).toBe('url');
    const kinds = await http().post('/v1/webhooks').set('Authorization', tenant.auth).send({ url: receiver.url('/ok'), kinds: ['cluster.exploded'] });
    expect(kinds.status).toBe(400);
    expect(JSON.stringify(kinds.body.details)).toContain('kinds');
    const viewer = `Bearer ${await tenant.keyWithRole('viewer')}`;
    expect((await http().post('/v1/webhooks').set('Authorization', viewer).send({ url: receiver.url('/ok'), kinds: ['cluster.status'] })).status).toBe(403);
    expect((await http().get('/v1/webhooks').set('Authorization', viewer)).status).toBe(200);
  });

  it('rotates the secret and deletes a webhook', async () => {
    const created = await http().post('/v1/webhooks').set('Authorization', tenant.auth).send({ url: receiver.url('/rotate'), kinds: ['cluster.health'] });
    const rotated = await http().post(`/v1/webhooks/${created.body.id}/rotate-secret`).set('Authorization', tenant.auth);
    expect(rotated.status).toBe(200);
    expect(rotated.body.secret).toMatch(/^whsec_/);
    expect(rotated.body.secret).not.toBe(created.body.secret);
    const patched = await http().patch(`/v1/webhooks/${created.body.id}`).set('Authorization', tenant.auth).send({ url: 'http://169.254.169.254/' });
    expect(patched.status).toBe(400);
    expect(patched.body.details[0].field).toBe('url');
    expect((await http().delete(`/v1/webhooks/${created.body.id}`).set('Authorization', tenant.auth)).status).toBe(204);
    expect((await http().get(`/v1/webhooks/${created.body.id}`).set('Authorization', tenant.auth)).status).toBe(404);
  });
});
