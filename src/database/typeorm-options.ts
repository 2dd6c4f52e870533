import type { DataSourceOptions } from 'typeorm';
import { MIGRATIONS } from '../../migrations';
import type { HerdConfig } from '../config/config';

export type EntityList = NonNullable<DataSourceOptions['entities']>;

/** The connection herd opens; `entities` are the app's (migrations need none). */
export function typeormOptions(config: Pick<HerdConfig, 'databaseUrl'>, entities: EntityList = []): DataSourceOptions {
  return {
    type: 'postgres',
    url: config.databaseUrl,
    entities,
    migrations: MIGRATIONS,
    migrationsTableName: 'herd_migrations',
    synchronize: false,
    migrationsRun: false,
    extra: { max: 20, application_name: 'herd' },
  };
}
