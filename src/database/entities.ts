import { AuditEntry } from '../modules/audit/audit-entry.entity';
import { Blueprint } from '../modules/blueprints/blueprint.entity';
import { Credential } from '../modules/credentials/credential.entity';
import { TenantQuota } from '../modules/quotas/tenant-quota.entity';
import { ApiKey } from '../modules/tenancy/api-key.entity';
import { Tenant } from '../modules/tenancy/tenant.entity';

/** Every TypeORM entity, listed explicitly. */
export const ENTITIES = [Tenant, ApiKey, TenantQuota, AuditEntry, Blueprint, Credential];
