import { loadConfig } from '../config/config';
import { migrate } from '../database/migrate';

migrate(loadConfig())
  .then((applied) => {
    console.log(applied.length === 0 ? 'database is up to date' : `applied: ${applied.join(', ')}`);
  })
  .catch((error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exitCode = 1;
  });
