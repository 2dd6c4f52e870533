import { randomBytes } from 'node:crypto';
import request from 'supertest';
import { afterAll, describe, expect, it } from 'vitest';
import type { MasterKey } from '../../src/config/config';
import { CredentialsService } from '../../src/modules/credentials/credentials.service';
import { rotateMasterKey } from '../../src/modules/credentials/master-key-rotation';
import { SecretCipher } from '../../src/modules/credentials/secret-cipher';
import { startTestApp, TestApp, TestTenant } from '../support/test-app';

function newKey(label: string): { key: MasterKey; env: string } {
  const key = randomBytes(32);
  const id = `${label}-${randomBytes(3).toString('hex')}`;
  return { key: { id, key }, env: `${id}:${key.toString('base64')}` };
}

describe('master key rotation', () => {
  const apps: TestApp[] = [];
  afterAll(async () => {
    for (const app of apps) await app.close();
  });

  it('interrupted half-way and resumed, leaves every credential readable with the new key only', async () => {
    const oldKey = newKey('old');
    const newKeyPair = newKey('new');
    const before = await startTestApp({ env: { HERD_MASTER_KEY: oldKey.env } });
    apps.push(before);
    const tenants: TestTenant[] = [await before.newTenant(), await before.newTenant()];
    const expected = new Map<string, { tenant: TestTenant; token: string }>();
    for (let i = 0; i < 7; i += 1) {
      const tenant = tenants[i % 2]!;
      const token = `token-${i}-${randomBytes(8).toString('hex')}`;
      const res = await request(before.baseUrl).post('/v1/credentials').set('Authorization', tenant.auth).send({ name: `c${i}`, provider: 'sim', parameters: { latencyMs: i, accessToken: token } }).expect(201);
      expected.set(res.body.id, { tenant, token });
    }
    await request(before.baseUrl).post('/v1/credentials').set('Authorization', tenants[0]!.auth).send({ name: 'no-secret', provider: 'sim', parameters: {} }).expect(201);
    const ids = [...expected.keys()];
    const keyIdsOf = async () => (await before.db.query(`SELECT secret_key_id FROM credentials WHERE id = ANY($1)`, [ids])).map((row: { secret_key_id: string }) => row.secret_key_id);
    expect(new Set(await keyIdsOf())).toEqual(new Set([oldKey.key.id]));

    const rotation = { masterKey: newKeyPair.key, previousMasterKeys: [oldKey.key] };
    const progress: string[] = [];
    const interrupted = await rotateMasterKey(before.db, rotation, { batchSize: 2, limit: 3, progress: (done, total) => progress.push(`${done}/${total}`) });
    expect(interrupted).toMatchObject({ toKeyId: newKeyPair.key.id, rotated: 3, remaining: 4, failed: [] });
    expect(progress).toEqual(['2/7', '3/7']);
    const halfway = await keyIdsOf();
    expect(halfway.filter((id: string) => id === newKeyPair.key.id)).toHaveLength(3);
    expect(halfway.filter((id: string) => id === oldKey.key.id)).toHaveLength(4);

    const service = before.herd.context.get(CredentialsService);

    const resumed = await rotateMasterKey(before.db, rotation, { batchSize: 2 });
    expect(resumed).toMatchObject({ rotated: 4, remaining: 0, failed: [] });
    expect(new Set(await keyIdsOf())).toEqual(new Set([newKeyPair.key.id]));
    expect((await rotateMasterKey(before.db, rotation)).rotated).toBe(0);

    const onlyOld = new SecretCipher(oldKey.key);
    const rows: { id: string; tenant_id: string; secret_key_id: string; secret_envelope: Buffer }[] = await before.db.query(
      `SELECT id, tenant_id, secret_key_id, secret_envelope FROM credentials WHERE id = ANY($1)`,
      [ids],
    );
    for (const row of rows) {
      expect(() => onlyOld.open({ keyId: oldKey.key.id, envelope: row.secret_envelope }, { tenantId: row.tenant_id, credentialId: row.id })).toThrow();
    }
    await expect(service.resolveForUse({ tenantId: tenants[0]!.tenantId }, ids[0]!)).rejects.toThrow(/master key ".*new-/);

    const after = await startTestApp({ env: { HERD_MASTER_KEY: newKeyPair.env, HERD_PREVIOUS_MASTER_KEYS: '' } });
    apps.push(after);
    const resolver = after.herd.context.get(CredentialsService);
    for (const [id, { tenant, token }] of expected) {
      const resolved = await resolver.resolveForUse({ tenantId: tenant.tenantId }, id);
      expect(resolved.parameters.accessToken).toBe(token);
      const verified = await request(after.baseUrl).post(`/v1/credentials/${id}/verify`).set('Authorization', tenant.auth).expect(200);
      expect(verified.body.ok).toBe(true);
    }
    expect((await resolver.resolveForUse({ tenantId: tenants[0]!.tenantId }, 'no-secret')).parameters).toEqual({});
  });
});
