import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { FieldProblem } from '../../common/errors';
import { ProviderRegistry } from '../../providers/registry';
import type { ComponentSpec, ProviderConnection, ProviderDescriptor } from '../../providers/spi';
import { BlueprintsService } from '../blueprints';
import { CredentialsService } from '../credentials';
import { QuotaService } from '../quotas';
import type { NodeSize } from '../stacks';
import type { TenantScope } from '../tenancy';
import type { ClusterBlueprint, ClusterCredential, ClusterInputs, ClusterSizeRequest } from './cluster-inputs';

/** The port, bound to the blueprints, credentials, providers and quotas modules. */
@Injectable()
export class WiredClusterInputs implements ClusterInputs {
  constructor(
    private readonly blueprints: BlueprintsService,
    private readonly credentials: CredentialsService,
    private readonly registry: ProviderRegistry,
    private readonly quotas: QuotaService,
  ) {}

  blueprint(scope: TenantScope, idOrName: string): Promise<ClusterBlueprint> {
    return this.blueprints.resolve(scope, idOrName);
  }

  async sizeProblems(blueprint: ClusterBlueprint, sizes: Record<string, number>): Promise<FieldProblem[]> {
    return this.blueprints.checkHostGroupSizes(blueprint, sizes);
  }

  async componentSpecs(blueprint: ClusterBlueprint, hostGroup: string, hostsByGroup: Record<string, string[]>, node?: NodeSize): Promise<ComponentSpec[]> {
    return this.blueprints.componentSpecsFor(blueprint, hostGroup, hostsByGroup, node);
  }

  async credential(scope: TenantScope, idOrName: string): Promise<ClusterCredential> {
    const { id, name, provider, variant, parameters } = await this.credentials.resolveForUse(scope, idOrName);
    return { id, name, kind: provider, variant, parameters };
  }

  provider(kind: string, variant: string): ProviderDescriptor {
    return this.registry.get(kind, variant).descriptor;
  }

  connect(credential: ClusterCredential): Promise<ProviderConnection> {
    return this.registry.connect(credential.kind, credential.variant, credential.parameters);
  }

  assertQuota(scope: TenantScope, request: ClusterSizeRequest, tx?: EntityManager): Promise<void> {
    return this.quotas.assertWithin(scope, request, tx);
  }
}
