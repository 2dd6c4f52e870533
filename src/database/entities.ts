import { AuditEntry } from '../modules/audit/audit-entry.entity';
import { TenantQuota } from '../modules/quotas/tenant-quota.entity';
import { ApiKey } from '../modules/tenancy/api-key.entity';
import { Tenant } from '../modules/tenancy/tenant.entity';

/** Every TypeORM entity, listed explicitly. */
export const ENTITIES = [Tenant, ApiKey, TenantQuota, AuditEntry];
