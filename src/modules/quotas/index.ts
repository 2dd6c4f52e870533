export { QuotaService } from './quota.service';
export { QuotasApiModule } from './quotas-api.module';
export { QuotasModule } from './quotas.module';
export { TenantQuota } from './tenant-quota.entity';
export type { UsageCounter } from './usage-counter';
