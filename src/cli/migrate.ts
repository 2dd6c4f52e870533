import { loadConfig } from '../config/config';
import { migrate, schemaStatus } from '../database/migrate';
import { warnIfAhead } from '../database/prepare-schema';

/**
 * The release step: applies pending migrations under the migration lock, so it is safe beside
 * booting processes. With --check it changes nothing, lists what is pending and exits 1 when
 * the schema is behind this version, 0 when it is current (or ahead).
 */
async function run(args: string[]): Promise<number> {
  const unknownArgs = args.filter((arg) => arg !== '--check');
  if (unknownArgs.length > 0) {
    console.error(`unknown argument ${unknownArgs.join(' ')}; usage: migrate [--check]`);
    return 2;
  }
  const config = loadConfig();
  const warnings = { warn: (message: string) => console.warn(`warning: ${message}`) };
  if (args.includes('--check')) {
    const status = await schemaStatus(config);
    warnIfAhead(status, warnings);
    if (status.pending.length === 0) {
      console.log('database schema is current: no migration pending');
      return 0;
    }
    console.log(`database schema is behind: ${status.pending.length} migration(s) pending`);
    for (const name of status.pending) console.log(`  pending: ${name}`);
    return 1;
  }
  const applied = await migrate(config);
  console.log(applied.length === 0 ? 'database is up to date' : `applied: ${applied.join(', ')}`);
  warnIfAhead(await schemaStatus(config), warnings);
  return 0;
}

run(process.argv.slice(2))
  .then((code) => {
    process.exitCode = code;
  })
  .catch((error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exitCode = 1;
  });
