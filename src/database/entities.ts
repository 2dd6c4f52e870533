import { NodeCallback } from '../modules/node-callbacks/node-callback.entity';
import { ApiKey } from '../modules/tenancy/api-key.entity';
import { Tenant } from '../modules/tenancy/tenant.entity';

/** Every TypeORM entity, listed explicitly. */
export const ENTITIES = [Tenant, ApiKey, NodeCallback];
