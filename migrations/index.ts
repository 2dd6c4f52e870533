import { Foundation1764150000000 } from './1764150000000-foundation';
import { Tenancy1764180000000 } from './1764180000000-tenancy';

/** Every migration in the order it must run. */
export const MIGRATIONS = [Foundation1764150000000, Tenancy1764180000000];
