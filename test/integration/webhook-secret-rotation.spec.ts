import { randomBytes } from 'node:crypto';
import request from 'supertest';
import { afterAll, describe, expect, it } from 'vitest';
import { HERD_CONFIG, HerdConfig, MasterKey } from '../../src/config/config';
import { resealWebhookSecrets, Webhook } from '../../src/modules/webhooks';
import { WebhookSecrets } from '../../src/modules/webhooks/webhook-secrets';
import { startTestApp, TestApp } from '../support/test-app';

function newKey(label: string): { key: MasterKey; env: string } {
  const key = randomBytes(32);
  const id = `${label}-${randomBytes(3).toString('hex')}`;
  return { key: { id, key }, env: `${id}:${key.toString('base64')}` };
}

describe('webhook signing secrets and the master key rotation', () => {
  let app: TestApp | undefined;
  afterAll(async () => {
    await app?.close();
  });

  it('seals them again under the new key, readable with the new key only', async () => {
    const oldKey = newKey('old');
    const newKeyPair = newKey('new');
    app = await startTestApp({ ownDatabase: true, env: { HERD_MASTER_KEY: oldKey.env } });
    const tenant = await app.newTenant();
    const created = await request(app.baseUrl).post('/v1/webhooks').set('Authorization', tenant.auth).send({ url: 'http://127.0.0.1:9/hook', kinds: ['cluster.status'] }).expect(201);
    const config = { ...app.herd.context.get<symbol, HerdConfig>(HERD_CONFIG), masterKey: newKeyPair.key, previousMasterKeys: [oldKey.key] };

    expect(await resealWebhookSecrets(app.db, config)).toEqual({ resealed: 1, failed: [] });
    expect(await resealWebhookSecrets(app.db, config)).toEqual({ resealed: 0, failed: [] });
    const row = await app.db.getRepository(Webhook).findOneByOrFail({ id: created.body.id });
    expect(row.secretKeyId).toBe(newKeyPair.key.id);
    expect(new WebhookSecrets({ ...config, previousMasterKeys: [] }).open(row)).toBe(created.body.secret);
  });
});
