import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { DomainError, FieldProblem } from '../../common/errors/domain-error';
import { ProviderRegistry } from '../../providers/registry/provider-registry';
import type { ComponentSpec, ProviderConnection, ProviderDescriptor } from '../../providers/spi';
import { CredentialsService } from '../credentials/credentials.service';
import type { TenantScope } from '../tenancy/principal';
import type { ClusterBlueprint, ClusterCredential, ClusterInputs, ClusterSizeRequest } from './cluster-inputs';

const notYet = (what: string): never => {
  throw new DomainError('PROVIDER_UNAVAILABLE', `${what} are not part of this build yet`);
};

/** The port, bound to the credentials, providers, blueprints and quota modules. */
@Injectable()
export class WiredClusterInputs implements ClusterInputs {
  constructor(
    private readonly credentials: CredentialsService,
    private readonly registry: ProviderRegistry,
  ) {}

  async blueprint(_scope: TenantScope, _idOrName: string): Promise<ClusterBlueprint> {
    return notYet('Blueprints');
  }

  async sizeProblems(_blueprint: ClusterBlueprint, _sizes: Record<string, number>): Promise<FieldProblem[]> {
    return notYet('Blueprints');
  }

  async componentSpecs(_blueprint: ClusterBlueprint, _hostGroup: string, _hostsByGroup: Record<string, string[]>): Promise<ComponentSpec[]> {
    return notYet('Stacks');
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

  async assertQuota(_scope: TenantScope, _request: ClusterSizeRequest, _tx?: EntityManager): Promise<void> {
    return notYet('Quotas');
  }
}
