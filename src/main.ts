import 'reflect-metadata';
import { Logger } from 'nestjs-pino';
import { createHerdApp } from './bootstrap';
import { ConfigError, HerdRole, loadConfig } from './config/config';
import { SchemaBehind } from './database/prepare-schema';
import { ProviderRegistryError } from './providers/registry';

/** Entry point; HERD_ROLE chooses api, worker or all (the default). */
export async function main(roleOverride?: HerdRole): Promise<void> {
  const config = loadConfig(roleOverride ? { ...process.env, HERD_ROLE: roleOverride } : process.env);
  const app = await createHerdApp({ config });
  if (app.http) {
    await app.http.listen(config.port, config.host);
    app.http.get(Logger).log(`herd (${config.role}) listening on http://${config.host}:${config.port}`);
  }
}

if (require.main === module) {
  main().catch(exitWithReason);
}

/** Errors an operator fixes from their message alone are printed without a stack. */
export function exitWithReason(error: unknown): void {
  const explained = error instanceof ConfigError || error instanceof ProviderRegistryError || error instanceof SchemaBehind;
  console.error(explained ? error.message : error);
  process.exit(1);
}
