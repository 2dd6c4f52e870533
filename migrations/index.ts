import { Foundation1764150000000 } from './1764150000000-foundation';

/** Every migration in the order it must run. */
export const MIGRATIONS = [Foundation1764150000000];
