import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, QueryFailedError } from 'typeorm';
import { Conflict, NotFound, ValidationFailed } from '../../common/errors';
import { type Page, pageOf, type PageQuery } from '../../common/http';
import { HERD_CONFIG, type HerdConfig } from '../../config/config';
import { Cluster, findCluster } from '../lifecycle';
import { ScaleRequests } from '../clusters';
import type { TenantScope } from '../tenancy';
import type { CreateAutoscalingPolicyDto } from './autoscaling-policy.dto';
import { AutoscalingPolicy } from './autoscaling-policy.entity';

const DEFAULT_COOLDOWN_SECONDS = 300;

/** A cluster's autoscaling policies, always within the caller's tenant. */
@Injectable()
export class AutoscalingPoliciesService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    @Inject(HERD_CONFIG) private readonly config: HerdConfig,
    private readonly scales: ScaleRequests,
  ) {}

  private get repo() {
    return this.db.getRepository(AutoscalingPolicy);
  }

  async list(scope: TenantScope, clusterIdOrName: string, query: PageQuery): Promise<Page<AutoscalingPolicy>> {
    const cluster = await this.liveCluster(scope, clusterIdOrName);
    const [items, total] = await this.repo.findAndCount({ where: { tenantId: scope.tenantId, clusterId: cluster.id }, order: { createdAt: 'ASC', id: 'ASC' }, take: query.limit, skip: query.offset });
    return pageOf(items, total, query);
  }

  async get(scope: TenantScope, clusterIdOrName: string, policyId: string): Promise<AutoscalingPolicy> {
    const cluster = await this.liveCluster(scope, clusterIdOrName);
    const policy = await this.repo.findOneBy({ id: policyId, clusterId: cluster.id, tenantId: scope.tenantId });
    if (!policy) throw new NotFound('autoscaling policy', policyId);
    return policy;
  }

  async create(scope: TenantScope, clusterIdOrName: string, body: CreateAutoscalingPolicyDto): Promise<AutoscalingPolicy> {
    const cluster = await this.liveCluster(scope, clusterIdOrName);
    const problems = [];
    if (!cluster.hostGroups.some((group) => group.name === body.hostGroup)) {
      problems.push({ field: 'hostGroup', reason: `the cluster has no host group '${body.hostGroup}' (it has ${cluster.hostGroups.map((g) => g.name).join(', ')})` });
    }
    if (body.maxNodes < body.minNodes) problems.push({ field: 'maxNodes', reason: `must be at least minNodes (${body.minNodes})` });
    const remembered = Math.floor((this.config.monitoring.samplesKept * this.config.monitoring.intervalMs) / 1000);
    if ((body.forSeconds ?? 0) > remembered) {
      problems.push({ field: 'forSeconds', reason: `must be at most ${remembered}: the monitor keeps ${this.config.monitoring.samplesKept} samples, one every ${this.config.monitoring.intervalMs} ms` });
    }
    if (problems.length > 0) throw new ValidationFailed(problems);
    this.scales.requireScalable(cluster);
    try {
      return await this.repo.save(
        this.repo.create({
          ...body,
          tenantId: scope.tenantId,
          clusterId: cluster.id,
          cooldownSeconds: body.cooldownSeconds ?? DEFAULT_COOLDOWN_SECONDS,
          forSeconds: body.forSeconds ?? 0,
          enabled: body.enabled ?? true,
          lastTriggeredAt: null,
        }),
      );
    } catch (error) {
      if (error instanceof QueryFailedError && (error.driverError as { code?: string }).code === '23505') {
        throw new Conflict(`The cluster already has a policy named "${body.name}"`, [{ field: 'name', reason: 'is already used by another policy of this cluster' }]);
      }
      throw error;
    }
  }

  async remove(scope: TenantScope, clusterIdOrName: string, policyId: string): Promise<void> {
    const cluster = await findCluster(this.db.getRepository(Cluster), scope.tenantId, clusterIdOrName);
    const deleted = await this.repo.delete({ id: policyId, clusterId: cluster.id, tenantId: scope.tenantId });
    if (!deleted.affected) throw new NotFound('autoscaling policy', policyId);
  }

  private async liveCluster(scope: TenantScope, idOrName: string): Promise<Cluster> {
    const cluster = await findCluster(this.db.getRepository(Cluster), scope.tenantId, idOrName);
    if (cluster.status === 'DELETED') throw new NotFound('cluster', idOrName);
    return cluster;
  }
}
