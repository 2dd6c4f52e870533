import type { DataSource } from 'typeorm';
import type { HerdConfig } from '../../config/config';
import { SecretCipher } from './secret-cipher';

export interface RotationOptions {
  /** Rows read per query. */
  batchSize?: number;
  /** Stop after re-encrypting this many rows (a rerun carries on from there). */
  limit?: number;
  /** Called after each batch. */
  progress?: (done: number, total: number) => void;
}

export interface RotationResult {
  toKeyId: string;
  rotated: number;
  /** Rows still under a previous key (non-zero after `limit`, or when some failed). */
  remaining: number;
  failed: { credentialId: string; reason: string }[];
  /** Key ids found in rows that neither HERD_MASTER_KEY nor HERD_PREVIOUS_MASTER_KEYS holds. */
  unknownKeys: { keyId: string; credentials: number }[];
}

interface SealedRow {
  id: string;
  tenant_id: string;
  secret_key_id: string;
  secret_envelope: Buffer;
}

/**
 * Re-encrypts every credential sealed under a previous master key with the current one.
 * Each row is rewritten on its own, and only if it is still under the key it was read with,
 * so an interrupted run loses nothing and a rerun finishes the job.
 */
export async function rotateMasterKey(db: DataSource, config: Pick<HerdConfig, 'masterKey' | 'previousMasterKeys'>, options: RotationOptions = {}): Promise<RotationResult> {
  const cipher = SecretCipher.fromConfig(config);
  const batchSize = options.batchSize ?? 100;
  const limit = options.limit ?? Number.POSITIVE_INFINITY;
  const oldKeyIds = config.previousMasterKeys.map((key) => key.id).filter((id) => id !== config.masterKey.id);
  const total = await countUnder(db, oldKeyIds);
  const failed: RotationResult['failed'] = [];
  let rotated = 0;
  let after = '00000000-0000-0000-0000-000000000000';
  while (rotated < limit && oldKeyIds.length > 0) {
    const rows: SealedRow[] = await db.query(
      `SELECT id, tenant_id, secret_key_id, secret_envelope FROM credentials WHERE secret_key_id = ANY($1) AND id > $2 ORDER BY id LIMIT $3`,
      [oldKeyIds, after, batchSize],
    );
    if (rows.length === 0) break;
    for (const row of rows) {
      if (rotated >= limit) break;
      after = row.id;
      const binding = { tenantId: row.tenant_id, credentialId: row.id };
      try {
        const resealed = cipher.seal(cipher.open({ keyId: row.secret_key_id, envelope: row.secret_envelope }, binding), binding);
        const [, updated] = await db.query(`UPDATE credentials SET secret_key_id = $1, secret_envelope = $2 WHERE id = $3 AND secret_key_id = $4`, [
          resealed.keyId,
          resealed.envelope,
          row.id,
          row.secret_key_id,
        ]);
        if (updated === 1) rotated += 1;
      } catch (error) {
        failed.push({ credentialId: row.id, reason: (error as Error).message });
      }
    }
    options.progress?.(rotated, total);
  }
  const unknown: { key_id: string; count: string }[] = await db.query(
    `SELECT secret_key_id AS key_id, count(*) AS count FROM credentials WHERE secret_key_id IS NOT NULL AND NOT (secret_key_id = ANY($1)) GROUP BY secret_key_id ORDER BY secret_key_id`,
    [[config.masterKey.id, ...oldKeyIds]],
  );
  return {
    toKeyId: cipher.currentKeyId,
    rotated,
    remaining: await countUnder(db, oldKeyIds),
    failed,
    unknownKeys: unknown.map((row) => ({ keyId: row.key_id, credentials: Number(row.count) })),
  };
}

async function countUnder(db: DataSource, keyIds: string[]): Promise<number> {
  const [{ count }] = await db.query(`SELECT count(*) AS count FROM credentials WHERE secret_key_id = ANY($1)`, [keyIds]);
  return Number(count);
}
