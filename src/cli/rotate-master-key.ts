import { DataSource } from 'typeorm';
import { loadConfig } from '../config/config';
import { typeormOptions } from '../database/typeorm-options';
import { ENTITIES } from '../entities';
import { RotationResult, rotateMasterKey } from '../modules/credentials';
import { resealWebhookSecrets } from '../modules/webhooks';

const USAGE = 'usage: npm run rotate-key -- [--batch-size N] [--limit N]';

/** `--batch-size N --limit N` → options; throws a usage message on anything else. */
export function parseRotationArgs(args: string[]): { batchSize?: number; limit?: number } {
  const options: { batchSize?: number; limit?: number } = {};
  for (let i = 0; i < args.length; i += 2) {
    const [flag, raw] = [args[i], args[i + 1]];
    const value = Number(raw);
    if (!Number.isInteger(value) || value < 1) throw new Error(`${flag} needs a positive integer\n${USAGE}`);
    if (flag === '--batch-size') options.batchSize = value;
    else if (flag === '--limit') options.limit = value;
    else throw new Error(`unknown option ${flag}\n${USAGE}`);
  }
  return options;
}

export function summaryOf(result: RotationResult): { lines: string[]; complete: boolean } {
  const lines = [`re-encrypted ${result.rotated} credential(s) under master key "${result.toKeyId}"; ${result.remaining} still under a previous key`];
  for (const failure of result.failed) lines.push(`failed ${failure.credentialId}: ${failure.reason}`);
  for (const unknown of result.unknownKeys) {
    lines.push(`${unknown.credentials} credential(s) are sealed under unknown key "${unknown.keyId}": add that key to HERD_PREVIOUS_MASTER_KEYS and run again`);
  }
  return { lines, complete: result.remaining === 0 && result.failed.length === 0 && result.unknownKeys.length === 0 };
}

async function run(): Promise<number> {
  const options = parseRotationArgs(process.argv.slice(2));
  const config = loadConfig();
  const db = new DataSource(typeormOptions(config, ENTITIES));
  await db.initialize();
  try {
    if (config.previousMasterKeys.length === 0) console.log('HERD_PREVIOUS_MASTER_KEYS is empty: no key to rotate from');
    const result = await rotateMasterKey(db, config, { ...options, progress: (done, total) => console.log(`${done}/${total} re-encrypted`) });
    const { lines, complete } = summaryOf(result);
    lines.forEach((line) => console.log(line));
    const webhooks = await resealWebhookSecrets(db, config);
    console.log(`re-encrypted ${webhooks.resealed} webhook signing secret(s) under master key "${config.masterKey.id}"`);
    for (const failure of webhooks.failed) console.log(`failed webhook ${failure.webhookId}: ${failure.reason}`);
    if ((!complete || webhooks.failed.length > 0) && options.limit === undefined) return 1;
    return 0;
  } finally {
    await db.destroy();
  }
}

if (require.main === module) {
  run()
    .then((code) => {
      process.exitCode = code;
    })
    .catch((error: unknown) => {
      console.error(error instanceof Error ? error.message : error);
      process.exitCode = 1;
    });
}
