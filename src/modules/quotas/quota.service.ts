import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { DomainError } from '../../common/errors';
import { HERD_CONFIG, HerdConfig, QuotaLimits } from '../../config/config';
import type { TenantScope } from '../tenancy';
import { QuotaRequest, QuotaUsage, quotaMessage, quotaViolations, violationReason } from './quota-check';
import { TenantQuota } from './tenant-quota.entity';
import type { UsageCounter } from './usage-counter';

const NOTHING_COUNTED: UsageCounter = { usage: async () => ({ clusters: 0, nodes: 0 }) };

export type QuotaSource = 'default' | 'tenant';

export interface TenantQuotas {
  limits: QuotaLimits;
  source: QuotaSource;
}

@Injectable()
export class QuotaService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    @Inject(HERD_CONFIG) private readonly config: HerdConfig,
  ) {}

  private usageCounter: UsageCounter = NOTHING_COUNTED;

  /** The module that owns what quotas limit (clusters) registers how to count it; until then nothing is counted. */
  countWith(counter: UsageCounter): void {
    this.usageCounter = counter;
  }

  /**
   * Throws QUOTA_EXCEEDED (422) naming what is used and what is allowed when the request would
   * break a quota. Pass the transaction that creates or scales the cluster as `tx`: the check
   * then takes a per-tenant lock until that transaction ends, so two concurrent requests cannot
   * both fit into the last free slot.
   */
  async assertWithin(scope: TenantScope, request: QuotaRequest, tx?: EntityManager): Promise<void> {
    const manager = tx ?? this.db.manager;
    if (tx) await tx.query(`SELECT pg_advisory_xact_lock(hashtextextended($1, 0))`, [`herd:quota:${scope.tenantId}`]);
    const [{ limits }, usage] = await Promise.all([this.quotasOf(scope.tenantId, manager), this.usageCounter.usage(scope, tx)]);
    const violations = quotaViolations(limits, usage, request);
    if (violations.length > 0) {
      throw new DomainError(
        'QUOTA_EXCEEDED',
        quotaMessage(violations),
        violations.map((v) => ({ field: `quotas.${v.quota}`, reason: violationReason(v) })),
      );
    }
  }

  async quotasOf(tenantId: string, manager: EntityManager = this.db.manager): Promise<TenantQuotas> {
    const own = await manager.getRepository(TenantQuota).findOneBy({ tenantId });
    if (!own) return { limits: { ...this.config.defaultQuotas }, source: 'default' };
    return { limits: { clusters: own.clusters, nodes: own.nodes, nodesPerCluster: own.nodesPerCluster }, source: 'tenant' };
  }

  async usageOf(scope: TenantScope): Promise<QuotaUsage> {
    return this.usageCounter.usage(scope);
  }

  async set(tenantId: string, limits: QuotaLimits): Promise<void> {
    await this.db.getRepository(TenantQuota).upsert({ tenantId, ...limits }, ['tenantId']);
  }

  async reset(tenantId: string): Promise<void> {
    await this.db.getRepository(TenantQuota).delete({ tenantId });
  }
}
