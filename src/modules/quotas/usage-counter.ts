import type { EntityManager } from 'typeorm';
import type { TenantScope } from '../tenancy';
import type { QuotaUsage } from './quota-check';

/**
 * Counts what a tenant holds now, for the quota check; `ClusterUsage` implements it from the
 * clusters table (registered through `QuotaService.countWith`). `tx`, when given,
 * is the transaction that will create or scale the cluster, so the count sees its own writes.
 */
export interface UsageCounter {
  usage(scope: TenantScope, tx?: EntityManager): Promise<QuotaUsage>;
}
