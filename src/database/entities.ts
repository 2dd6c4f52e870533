import { Blueprint } from '../modules/blueprints/blueprint.entity';
import { Credential } from '../modules/credentials/credential.entity';
import { ApiKey } from '../modules/tenancy/api-key.entity';
import { Tenant } from '../modules/tenancy/tenant.entity';

/** Every TypeORM entity, listed explicitly. */
export const ENTITIES = [Tenant, ApiKey, Blueprint, Credential];
