import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { randomUUID } from 'node:crypto';
import { DataSource, LessThan, Not, QueryFailedError } from 'typeorm';
import { Conflict, DomainError, IllegalState, NotFound, ValidationFailed } from '../../common/errors';
import { type Page, pageOf, type PageQuery, requireIfMatch, strongETag } from '../../common/http';
import { describeProviderError, refusalOf } from '../../providers/registry';
import { ProviderError, type PreflightProblem, type ProviderConnection } from '../../providers/spi';
import { HERD_CONFIG, type HerdConfig } from '../../config/config';
import { ClusterEvents } from '../events';
import { Cluster, findCluster, findClusterWithParts, Operation, OperationIntake, type Requested } from '../lifecycle';
import type { TenantScope } from '../tenancy';
import { CLUSTER_INPUTS, ClusterInputs } from './cluster-inputs';
import { ClusterRequestValidator, CheckedClusterRequest } from './cluster-request.validator';
import { ClusterSpecBuilder } from './cluster-spec.builder';
import { ScaleRequests } from './scale-requests';
import type { CreateClusterDto, ListClustersQuery } from './cluster.dto';
import { clusterSummaryView, clusterView } from './cluster.view';
import { IdempotencyKey } from './idempotency-key.entity';
import { requestHash } from './idempotency';

export interface Accepted {
  cluster: ReturnType<typeof clusterView>;
  operationId: string;
}

@Injectable()
export class ClustersService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    @Inject(CLUSTER_INPUTS) private readonly inputs: ClusterInputs,
    @Inject(HERD_CONFIG) private readonly config: HerdConfig,
    private readonly validator: ClusterRequestValidator,
    private readonly specs: ClusterSpecBuilder,
    private readonly events: ClusterEvents,
    private readonly intake: OperationIntake,
    private readonly scales: ScaleRequests,
  ) {}

  async create(scope: TenantScope, body: CreateClusterDto, idempotencyKey?: string): Promise<Accepted> {
    const hash = requestHash(body);
    if (idempotencyKey) {
      const replay = await this.replay(scope, idempotencyKey, hash);
      if (replay) return replay;
    }
    const checked = await this.validator.check(scope, body);
    let requested: Requested;
    try {
      requested = await this.intake.create(
        {
          tenantId: scope.tenantId,
          name: body.name,
          blueprintId: checked.blueprint.id,
          credentialId: checked.credential.id,
          providerKind: checked.credential.kind,
          providerVariant: checked.credential.variant,
          hostGroups: checked.hostGroups,
          onFailure: body.onFailure ?? 'rollback',
          partialFailure: body.partialFailure ? { ...body.partialFailure } : { policy: 'exact' },
        },
        {
          guard: (tx) => this.validator.checkQuota(scope, checked.hostGroups, tx),
          message: describeRequest(body.name, checked),
          alsoWrite: async (tx, { clusterId, operationId }) => {
            if (idempotencyKey) await tx.getRepository(IdempotencyKey).insert({ tenantId: scope.tenantId, key: idempotencyKey, requestHash: hash, clusterId, operationId });
          },
        },
      );
    } catch (error) {
      // A concurrent request with the same key won: its cluster (same name) or its key was written first.
      if (idempotencyKey && (isUniqueViolation(error, 'idempotency_keys_pkey') || isUniqueViolation(error, 'clusters_tenant_name_live_uq'))) {
        const replay = await this.replay(scope, idempotencyKey, hash);
        if (replay) return replay;
      }
      if (isUniqueViolation(error, 'clusters_tenant_name_live_uq')) throw new Conflict(`A cluster named "${body.name}" already exists`, [{ field: 'name', reason: 'is already used by another cluster' }]);
      throw error;
    }
    return { cluster: await this.get(scope, requested.clusterId), operationId: requested.operationId };
  }

  /** The dry run: every check of create, plus the provider's own pre-flight, and nothing written. */
  async validate(scope: TenantScope, body: CreateClusterDto): Promise<{ valid: true; provider: string; nodes: number; checks: string[] }> {
    const checked = await this.validator.check(scope, body);
    await this.validator.checkQuota(scope, checked.hostGroups);
    const existing = await this.db.getRepository(Cluster).existsBy({ tenantId: scope.tenantId, name: body.name, status: Not('DELETED') });
    if (existing) throw new Conflict(`A cluster named "${body.name}" already exists`, [{ field: 'name', reason: 'is already used by another cluster' }]);
    const spec = await this.specs.build(
      { id: randomUUID(), tenantId: scope.tenantId, name: body.name, hostGroups: checked.hostGroups, providerKind: checked.credential.kind, providerVariant: checked.credential.variant },
      checked.blueprint,
    );
    let connection: ProviderConnection | undefined;
    let problems: PreflightProblem[];
    try {
      connection = await this.inputs.connect(checked.credential);
      problems = await connection.prerequisites(spec);
    } catch (error) {
      throw preflightFailure(error);
    } finally {
      await connection?.close?.();
    }
    if (problems.length > 0) throw new ValidationFailed(problems);
    return {
      valid: true,
      provider: `${checked.credential.kind}/${checked.credential.variant}`,
      nodes: checked.hostGroups.reduce((sum, group) => sum + group.nodeCount, 0),
      checks: ['blueprint', 'host groups and cardinality', 'credential', 'quota', 'provider pre-flight'],
    };
  }

  async list(scope: TenantScope, query: ListClustersQuery) {
    const [clusters, total] = await this.db.getRepository(Cluster).findAndCount({
      where: { tenantId: scope.tenantId, status: query.status ?? Not('DELETED') },
      order: { createdAt: 'DESC', id: 'ASC' },
      take: query.limit,
      skip: query.offset,
    });
    return { items: clusters.map(clusterSummaryView), total, limit: query.limit, offset: query.offset };
  }

  async get(scope: TenantScope, idOrName: string) {
    const { cluster, nodes, operation } = await findClusterWithParts(this.db.getRepository(Cluster), scope.tenantId, idOrName);
    return clusterView(cluster, nodes, operation);
  }

  async scale(scope: TenantScope, idOrName: string, hostGroup: string, nodeCount: number, ifMatch?: string): Promise<Accepted> {
    const cluster = await this.findForWrite(scope, idOrName, ifMatch);
    const operation = await this.scales.request(scope, cluster, hostGroup, nodeCount);
    return { cluster: await this.get(scope, cluster.id), operationId: operation.id };
  }

  async stop(scope: TenantScope, idOrName: string, ifMatch?: string): Promise<Accepted> {
    const cluster = await this.findForWrite(scope, idOrName, ifMatch);
    this.requireCapability(cluster, 'stopStart', 'stop clusters');
    const operation = await this.intake.request(cluster, 'stop', { message: 'Stop requested' });
    return { cluster: await this.get(scope, cluster.id), operationId: operation.id };
  }

  async start(scope: TenantScope, idOrName: string, ifMatch?: string): Promise<Accepted> {
    const cluster = await this.findForWrite(scope, idOrName, ifMatch);
    this.requireCapability(cluster, 'stopStart', 'start clusters');
    const operation = await this.intake.request(cluster, 'start', { message: 'Start requested' });
    return { cluster: await this.get(scope, cluster.id), operationId: operation.id };
  }

  async repair(scope: TenantScope, idOrName: string, ifMatch?: string): Promise<Accepted> {
    const cluster = await this.findForWrite(scope, idOrName, ifMatch);
    const operation = await this.intake.request(cluster, 'repair', { message: 'Repair requested' });
    return { cluster: await this.get(scope, cluster.id), operationId: operation.id };
  }

  async retry(scope: TenantScope, idOrName: string, ifMatch?: string): Promise<Accepted> {
    const cluster = await this.findForWrite(scope, idOrName, ifMatch);
    const operation = await this.intake.request(cluster, 'create', { message: 'Retry of the provisioning requested' });
    return { cluster: await this.get(scope, cluster.id), operationId: operation.id };
  }

  async delete(scope: TenantScope, idOrName: string, ifMatch?: string): Promise<Accepted> {
    const cluster = await this.findForWrite(scope, idOrName, ifMatch);
    const operation = await this.intake.request(cluster, 'delete', { message: 'Delete requested' });
    return { cluster: await this.get(scope, cluster.id), operationId: operation.id };
  }

  /** The cluster's operations, newest first. */
  async operations(scope: TenantScope, idOrName: string, query: PageQuery): Promise<Page<Operation>> {
    const cluster = await this.find(scope, idOrName);
    const [items, total] = await this.db.getRepository(Operation).findAndCount({ where: { clusterId: cluster.id, tenantId: scope.tenantId }, order: { createdAt: 'DESC', id: 'ASC' }, take: query.limit, skip: query.offset });
    return pageOf(items, total, query);
  }

  async operation(scope: TenantScope, id: string): Promise<Operation> {
    const operation = await this.db.getRepository(Operation).findOneBy({ id, tenantId: scope.tenantId });
    if (!operation) throw new NotFound('operation', id);
    return operation;
  }

  /** The cluster a write is about, refused with a 412 when `If-Match` names an older version. */
  private async findForWrite(scope: TenantScope, idOrName: string, ifMatch: string | undefined): Promise<Cluster> {
    const cluster = await this.find(scope, idOrName);
    requireIfMatch(ifMatch, strongETag(cluster.version), 'cluster');
    return cluster;
  }

  /** By id, or by name among the live clusters (see `findCluster`). */
  find(scope: TenantScope, idOrName: string): Promise<Cluster> {
    return findCluster(this.db.getRepository(Cluster), scope.tenantId, idOrName);
  }

  private requireCapability(cluster: Cluster, capability: 'stopStart', what: string): void {
    const provider = this.inputs.provider(cluster.providerKind, cluster.providerVariant);
    if (!provider.capabilities[capability]) throw new IllegalState(`Provider ${provider.kind}/${provider.variant} cannot ${what}`);
  }

  /** Expired keys of the tenant are swept on each use of a key, so an expired key counts as new. */
  private async replay(scope: TenantScope, key: string, hash: string): Promise<Accepted | null> {
    const keys = this.db.getRepository(IdempotencyKey);
    await keys.delete({ tenantId: scope.tenantId, createdAt: LessThan(new Date(Date.now() - this.config.idempotencyTtlMs)) });
    const existing = await keys.findOneBy({ tenantId: scope.tenantId, key });
    if (!existing) return null;
    if (existing.requestHash !== hash) {
      throw new Conflict(`Idempotency-Key "${key}" was already used with a different request body`, [{ field: 'Idempotency-Key', reason: 'was used with a different body' }]);
    }
    return { cluster: await this.get(scope, existing.clusterId), operationId: existing.operationId };
  }
}

function describeRequest(name: string, checked: CheckedClusterRequest): string {
  const nodes = checked.hostGroups.reduce((sum, group) => sum + group.nodeCount, 0);
  const groups = checked.hostGroups.map((group) => `${group.name} ${group.nodeCount}x${group.instanceType}`).join(', ');
  return `Cluster ${name} requested: blueprint ${checked.blueprint.name}, ${nodes} nodes (${groups}) on ${checked.credential.kind}/${checked.credential.variant}`;
}

function isUniqueViolation(error: unknown, constraint: string): boolean {
  const driverError = error instanceof QueryFailedError ? (error.driverError as { code?: string; constraint?: string }) : undefined;
  return driverError?.code === '23505' && driverError.constraint === constraint;
}

/** A pre-flight that could not run: the credential's fault names the field, the provider's is a 503. */
function preflightFailure(error: unknown): DomainError {
  if (!(error instanceof ProviderError)) return new DomainError('PROVIDER_UNAVAILABLE', `The provider's pre-flight checks could not run (${(error as Error)?.name ?? 'error'})`);
  const words = describeProviderError(error);
  if (refusalOf(error) === 'credential') return new ValidationFailed([{ field: 'credential', reason: words }]);
  return new DomainError('PROVIDER_UNAVAILABLE', `The provider's pre-flight checks could not run: ${words}`);
}
