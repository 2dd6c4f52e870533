import type { DataSource } from 'typeorm';
import type { HerdConfig } from '../../config/config';
import { WebhookSecrets } from './webhook-secrets';
import { Webhook } from './webhook.entity';

export interface WebhookResealResult {
  resealed: number;
  failed: { webhookId: string; reason: string }[];
}

/**
 * Seals again under the current master key every webhook secret sealed under a previous one, as
 * the master key rotation does for credentials; a row is rewritten only if still under the key it
 * was read with, so a rerun finishes an interrupted one.
 */
export async function resealWebhookSecrets(db: DataSource, config: HerdConfig): Promise<WebhookResealResult> {
  const secrets = new WebhookSecrets(config);
  const oldKeyIds = config.previousMasterKeys.map((key) => key.id).filter((id) => id !== config.masterKey.id);
  const result: WebhookResealResult = { resealed: 0, failed: [] };
  if (oldKeyIds.length === 0) return result;
  const rows = await db.getRepository(Webhook).createQueryBuilder('webhook').where('webhook.secret_key_id = ANY(:oldKeyIds)', { oldKeyIds }).getMany();
  for (const webhook of rows) {
    try {
      const sealed = secrets.seal(secrets.open(webhook), webhook);
      const updated = await db.getRepository(Webhook).update({ id: webhook.id, secretKeyId: webhook.secretKeyId }, sealed);
      if (updated.affected === 1) result.resealed += 1;
    } catch (error) {
      result.failed.push({ webhookId: webhook.id, reason: (error as Error).message });
    }
  }
  return result;
}
