import { Logger } from '@nestjs/common';
import type { HerdConfig } from '../config/config';
import { migrate, schemaStatus, SchemaStatus } from './migrate';

/** The step an operator runs before rolling out a version whose boot does not migrate. */
export const MIGRATE_STEP = 'npm run migrate (node dist/src/cli/migrate.js)';

/** Boot refuses a database that lacks migrations this code needs. */
export class SchemaBehind extends Error {
  constructor(readonly pending: string[]) {
    super(
      `herd cannot start: the database schema is behind this version, ${pending.length} migration(s) pending: ${pending.join(', ')}. ` +
        `Run the migrate step first: ${MIGRATE_STEP}; or set HERD_MIGRATIONS=auto to apply them at boot.`,
    );
    this.name = 'SchemaBehind';
  }
}

/**
 * Brings the schema to what this code needs before anything uses the database: with
 * HERD_MIGRATIONS=auto applies pending migrations (under the migration lock), with `check` only
 * refuses to start while any is pending. A schema ahead of the code is accepted: during a rolling
 * upgrade the old version runs on the new schema.
 */
export async function prepareSchema(config: Pick<HerdConfig, 'databaseUrl' | 'migrations'>, logger = new Logger('Migrations')): Promise<void> {
  if (config.migrations === 'auto') {
    const applied = await migrate(config);
    if (applied.length > 0) logger.log(`applied ${applied.length} migration(s): ${applied.join(', ')}`);
  }
  const status = await schemaStatus(config);
  if (status.pending.length > 0) throw new SchemaBehind(status.pending);
  warnIfAhead(status, logger);
}

export function warnIfAhead(status: SchemaStatus, logger: Pick<Logger, 'warn'>): void {
  if (status.unknown.length === 0) return;
  logger.warn(`the database has ${status.unknown.length} migration(s) this version does not know (${status.unknown.join(', ')}): a newer herd migrated it; running on it as the old version of a rolling upgrade`);
}
