import { Foundation1764150000000 } from './1764150000000-foundation';
import { NodeCallbacks1764260000000 } from './1764260000000-node-callbacks';

/** Every migration in the order it must run. */
export const MIGRATIONS = [Foundation1764150000000, NodeCallbacks1764260000000];
