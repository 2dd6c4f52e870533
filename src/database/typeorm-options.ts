import type { DataSourceOptions } from 'typeorm';
import { MIGRATIONS } from '../../migrations';
import type { HerdConfig } from '../config/config';
import { ENTITIES } from './entities';

export function typeormOptions(config: Pick<HerdConfig, 'databaseUrl'>): DataSourceOptions {
  return {
    type: 'postgres',
    url: config.databaseUrl,
    entities: ENTITIES,
    migrations: MIGRATIONS,
    migrationsTableName: 'herd_migrations',
    synchronize: false,
    migrationsRun: false,
    extra: { max: 20, application_name: 'herd' },
  };
}
