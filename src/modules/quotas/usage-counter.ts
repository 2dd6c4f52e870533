import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { TenantScope } from '../tenancy/principal';
import type { QuotaUsage } from './quota-check';

/**
 * Counts what a tenant holds now, for the quota check. The clusters module owns the data, so it
 * provides the real implementation (bound to USAGE_COUNTER in QuotasModule); `tx`, when given,
 * is the transaction that will create or scale the cluster, so the count sees its own writes.
 */
export interface UsageCounter {
  usage(scope: TenantScope, tx?: EntityManager): Promise<QuotaUsage>;
}

export const USAGE_COUNTER = Symbol('USAGE_COUNTER');

/** Until clusters exist, a tenant holds nothing. */
@Injectable()
export class NoClustersYetUsageCounter implements UsageCounter {
  async usage(): Promise<QuotaUsage> {
    return { clusters: 0, nodes: 0 };
  }
}
