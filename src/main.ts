import 'reflect-metadata';
import { Logger } from 'nestjs-pino';
import { createHerdApp, HerdApp } from './bootstrap';
import { ConfigError, HerdRole, loadConfig } from './config/config';
import { SchemaBehind } from './database/prepare-schema';
import { ProviderRegistryError } from './providers/registry';

/** Entry point; HERD_ROLE chooses api, worker or all (the default). */
export async function main(roleOverride?: HerdRole): Promise<void> {
  const config = loadConfig(roleOverride ? { ...process.env, HERD_ROLE: roleOverride } : process.env);
  const app = await createHerdApp({ config });
  stopOnSignals(app);
  const url = await app.listen();
  app.http.get(Logger).log(config.role === 'worker' ? `herd (worker) serving /health, /ready and /metrics on ${url}` : `herd (${config.role}) listening on ${url}`);
}

/** SIGTERM or SIGINT: the graceful stop, then exit 0; a second signal exits at once. */
function stopOnSignals(app: HerdApp): void {
  let stopping = false;
  const stop = (signal: NodeJS.Signals) => {
    if (stopping) process.exit(1);
    stopping = true;
    app.http.get(Logger).log(`${signal}: shutting down`);
    app.shutdown().then(
      () => process.exit(0),
      (error: unknown) => {
        console.error(error);
        process.exit(1);
      },
    );
  };
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
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
